import Foundation
import SyncCore

/// Jira events as jira-poller would produce them.
enum JiraEvents {
    /// A fixed comment creation time, so event ids are stable within a test.
    static let commentTime = Date(timeIntervalSince1970: 1_795_996_800)

    static func comment(_ issue: JiraIssueRef, _ id: String, _ body: String, editedAfter seconds: TimeInterval = 0)
        -> JiraCommentChange
    {
        JiraCommentChange(
            issue: issue, commentId: id, bodyText: body, author: JiraActor(id: "acc-alice", displayName: "Alice 李"),
            createdAt: commentTime, updatedAt: commentTime + seconds,
            url: "https://jira.example/browse/\(issue.key)?focusedCommentId=\(id)")
    }

    static func created(_ issue: JiraIssueRef, _ id: String, _ body: String) -> SyncEvent {
        SyncEvent(body: .jiraCommentCreated(comment(issue, id, body)), occurredAt: commentTime, observedAt: Date())
    }

    static func edited(_ issue: JiraIssueRef, _ id: String, _ body: String, after seconds: TimeInterval) -> SyncEvent {
        SyncEvent(
            body: .jiraCommentEdited(comment(issue, id, body, editedAfter: seconds)), occurredAt: commentTime + seconds,
            observedAt: Date())
    }

    static func deleted(_ issue: JiraIssueRef, _ id: String) -> SyncEvent {
        SyncEvent(
            body: .jiraCommentDeleted(JiraCommentDeletion(issue: issue, commentId: id)), occurredAt: Date(),
            observedAt: Date())
    }

    /// A status change into `category` (`new`, `indeterminate`, `done`) at `changedAt`.
    static func status(_ issue: JiraIssueRef, _ category: String, at changedAt: Date) -> SyncEvent {
        let (id, name) =
            switch category {
            case "done": ("10002", "Done")
            case "indeterminate": ("3", "In Progress")
            default: ("10000", "To Do")
            }
        let change = JiraStatusChange(
            issue: issue, statusId: id, statusName: name, categoryKey: category,
            changedBy: JiraActor(id: "acc-alice", displayName: "Alice 李"), changedAt: changedAt)
        return SyncEvent(body: .jiraIssueStatusChanged(change), occurredAt: changedAt, observedAt: Date())
    }
}
