import Foundation
import StageRuntime
import SyncCore

/// The Guance issue a Jira event applies to: always the link table's, never one an event or a
/// Jira label claims (anyone can label a Jira issue).
struct LinkedIssue: Sendable {
    /// The Guance issue UUID.
    var guanceIssueUUID: String
    /// The issue link.
    var link: LinkRecord
}

extension GuanceEventHandler {
    /// Runs `body` with the Guance issue linked to `issue`, or keeps retrying while there is none
    /// (jira-writer may be about to record it) and dead-letters the event with reason `unlinked`
    /// after ``GuanceWriterSettings/unlinkedGraceSeconds``.
    func withIssue(
        _ issue: JiraIssueRef, _ event: SyncEvent, _ attempt: Int,
        _ body: (LinkedIssue) async throws -> HandlingOutcome
    ) async throws -> HandlingOutcome {
        if let linked = try await linkedIssue(issue) {
            unlinkedSince.withLock { _ = $0.removeValue(forKey: event.id) }
            return try await body(linked)
        }
        let now = Date()
        let since = unlinkedSince.withLock { $0[event.id, default: now] }
        unlinkedSince.withLock { $0[event.id] = since }
        let waited = now.timeIntervalSince(since)
        let grace = TimeInterval(settings.unlinkedGraceSeconds)
        guard waited < grace else {
            unlinkedSince.withLock { _ = $0.removeValue(forKey: event.id) }
            return .deadLetter(
                DeadLetter.Reason(
                    code: DeadLetterCode.unlinked,
                    message: "Jira issue \(issue.key) (id \(issue.id)) is linked to no Guance issue after \(Int(waited)) s")
            )
        }
        let delay = min(TimeInterval(classifier.backoff(attempt)), max(1, grace - waited))
        return .retry(after: .seconds(delay), reason: "Jira issue \(issue.key) is not linked (yet)")
    }

    /// The link table's Guance issue for `issue`, after catching up with links written elsewhere.
    /// The event's ``JiraIssueRef/guanceIssueUUID`` is not consulted: an event of an issue the
    /// table does not link (published by an older jira-poller from a label) changes nothing.
    private func linkedIssue(_ issue: JiraIssueRef) async throws -> LinkedIssue? {
        if let link = links.issueLink(jiraIssueId: issue.id) {
            return LinkedIssue(guanceIssueUUID: link.guanceIssueUUID, link: link)
        }
        try await links.catchUp()
        if let link = links.issueLink(jiraIssueId: issue.id) {
            return LinkedIssue(guanceIssueUUID: link.guanceIssueUUID, link: link)
        }
        return nil
    }

    /// Records the link between a Jira comment and the Guance reply mirroring it (or, with no reply
    /// UUID, the intent to create that reply).
    func recordCommentLink(
        _ comment: (issueId: String, issueKey: String, commentId: String), guanceIssueUUID: String, replyUUID: String?,
        provenance: LinkRecord.Provenance, event: SyncEvent
    ) async throws {
        try await links.record(
            LinkRecord(
                kind: .comment, guanceIssueUUID: guanceIssueUUID, jiraIssueId: comment.issueId,
                jiraIssueKey: comment.issueKey,
                guanceReplyUUID: replyUUID, jiraCommentId: comment.commentId, origin: .jira, provenance: provenance,
                eventID: event.id, linkedAt: Date()
            ))
    }
}
