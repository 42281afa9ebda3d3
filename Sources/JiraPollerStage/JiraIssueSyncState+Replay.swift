import Foundation
import JiraPoller
import SyncCore

extension JiraIssueSyncState {
    /// The state after an event this poller already published: what ``IssueChangeDetector`` would
    /// have remembered when it emitted `event`. Used after a restart to bring a checkpointed state
    /// up to the events published after the checkpoint, so they are not emitted again.
    func applying(_ event: SyncEvent) -> JiraIssueSyncState {
        var state = self
        switch event.body {
        case .jiraIssueStatusChanged(let change):
            state.statusId = change.statusId
            state.categoryKey = change.categoryKey
        case .jiraIssueAssigneeChanged(let change):
            state.assigneeId = change.assignee?.id
        case .jiraIssuePriorityChanged(let change):
            state.priorityId = change.priorityId ?? ""
        case .jiraCommentCreated(let change), .jiraCommentEdited(let change):
            state.comments[change.commentId] = CommentState(
                updatedMilliseconds: change.updatedAt.map { $0.epochMilliseconds },
                digest: EventID.digest(change.bodyText))
        case .jiraCommentDeleted(let deletion):
            state.comments.removeValue(forKey: deletion.commentId)
        case .guanceIssueSnapshot, .guanceReplyCreated, .guanceReplyEdited, .guanceReplyDeleted:
            break
        }
        return state
    }

    /// The state a linked issue first seen after it was created under watch is compared with: no
    /// comments yet and the status it would have been created in (category `new`, its category
    /// unchanged since `created`), so everything a human did before the first poll is emitted —
    /// including a status that went to done and came back (its `statuscategorychangedate` moved).
    static func baseline(for statusId: String, categoryKey: String, created: Date?) -> JiraIssueSyncState {
        var state = JiraIssueSyncState(
            statusId: categoryKey == "new" ? statusId : "", categoryKey: "new", assigneeId: nil, comments: [:])
        state.statusChangedMilliseconds = created.map { $0.epochMilliseconds }
        return state
    }
}
