import Foundation
import GuancePoller
import SyncCore

extension GuancePollerState {
    /// Folds an event published to `guance.events.v1` — by the poller itself (read back after a
    /// crash between publish and checkpoint) or by `syncctl backfill` — into the state, as if the
    /// observation that produced it had been checkpointed: the snapshot becomes the issue's last
    /// emitted one, a created or edited reply becomes the reply last seen, a deleted reply is
    /// forgotten. Replaying the same events again, or events older than the state followed by the
    /// newer ones, ends in the same state.
    ///
    /// A snapshot of an issue the state does not track puts it in scope (a backfilled issue is then
    /// synced like any other), due for a reply check. A snapshot already reflected — the same
    /// event, or an older `updateAt` than the tracked one — changes nothing. Otherwise the issue is
    /// due for a reply check (its replies may have been read in the cycle that was lost). Events of
    /// issues the state does not track, other than snapshots, are ignored.
    mutating func replay(_ event: SyncEvent) {
        switch event.body {
        case .guanceIssueSnapshot(let snapshot):
            preStartIssues.removeValue(forKey: snapshot.issueUUID)
            if var tracked = issues[snapshot.issueUUID] {
                guard tracked.snapshotEventID != event.id, !Self.isOlder(snapshot.updatedAt, than: tracked.updatedAt) else {
                    return
                }
                tracked.snapshotEventID = event.id
                tracked.updatedAt = snapshot.updatedAt
                tracked.statusType = snapshot.statusType
                tracked.statusChangedAt = snapshot.statusChangedAt
                tracked.markChanged(at: event.observedAt)
                issues[snapshot.issueUUID] = tracked
            } else {
                var tracked = TrackedIssue(
                    snapshotEventID: event.id, updatedAt: snapshot.updatedAt, statusType: snapshot.statusType,
                    observedAt: event.observedAt)
                tracked.statusChangedAt = snapshot.statusChangedAt
                issues[snapshot.issueUUID] = tracked
            }
        case .guanceReplyCreated(let reply), .guanceReplyEdited(let reply):
            issues[reply.issueUUID]?.replies[reply.replyUUID] = SeenReply(
                contentDigest: SeenReply.digest(of: reply.content), updatedAt: reply.updatedAt)
        case .guanceReplyDeleted(let deletion):
            issues[deletion.issueUUID]?.replies.removeValue(forKey: deletion.replyUUID)
        case .jiraIssueStatusChanged, .jiraIssueAssigneeChanged, .jiraIssuePriorityChanged, .jiraCommentCreated,
            .jiraCommentEdited, .jiraCommentDeleted:
            break
        }
    }

    /// Whether an `updateAt` is known to be older than another (unknown times are not).
    private static func isOlder(_ time: Date?, than other: Date?) -> Bool {
        guard let time, let other else { return false }
        return time < other
    }
}
