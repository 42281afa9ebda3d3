import Foundation
import GuancePoller
import SyncCore

extension GuancePollerState {
    /// Folds an event the poller already published (read back from `guance.events.v1`) into the
    /// state, as if the observation that produced it had been checkpointed: the snapshot becomes
    /// the issue's last emitted one, a created or edited reply becomes the reply last seen, a
    /// deleted reply is forgotten. Replaying the same events again, or events older than the state
    /// followed by the newer ones, ends in the same state.
    ///
    /// An issue whose snapshot is replayed is due for a reply check (its replies may have been read
    /// in the cycle that was lost). Events of issues the state does not track, other than
    /// snapshots, are ignored.
    mutating func replay(_ event: SyncEvent) {
        switch event.body {
        case .guanceIssueSnapshot(let snapshot):
            if var tracked = issues[snapshot.issueUUID] {
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
        case .jiraIssueStatusChanged, .jiraIssueAssigneeChanged, .jiraCommentCreated, .jiraCommentEdited,
            .jiraCommentDeleted:
            break
        }
    }
}
