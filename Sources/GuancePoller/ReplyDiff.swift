import Foundation
import GuanceAPI
import SyncCore

/// The reply events of one issue between two reads of its reply list.
///
/// - created: a mirrored reply not seen before;
/// - edited: a seen reply whose content digest changed (an `updateAt` bump with the same
///   content is not an edit: nothing for Jira to change);
/// - deleted: a seen reply that is now marked deleted (`deleteAt != -1`) or, when the fresh list
///   is complete, missing from it.
///
/// The fresh list may be several pages in any order and may repeat a reply (pages shift while
/// replies are added): replies are keyed by UUID, and events come out in (time, numeric id, UUID)
/// order — the numeric id orders replies of the same second.
package struct ReplyDiff: Sendable, Hashable {
    /// Replies seen for the first time.
    package var created: [GuanceReplyChange]
    /// Replies whose content changed.
    package var edited: [GuanceReplyChange]
    /// Replies that disappeared or were marked deleted.
    package var deleted: [GuanceReplyDeletion]
    /// The state to remember for the next read.
    package var nextState: [String: SeenReply]

    /// Compares a fresh reply list with what was seen before.
    ///
    /// - Parameters:
    ///   - previous: reply UUID → what was last emitted.
    ///   - fresh: every page of the reply list, concatenated in any order.
    ///   - listIsComplete: whether `fresh` holds every page; when `false`, a missing reply is not
    ///     taken as deleted (only an explicit `deleteAt` is).
    ///   - issueUUID: the issue the replies belong to.
    ///   - filter: which replies are mirrored at all.
    ///   - mapper: builds the payloads.
    ///   - observedAt: used as the deletion time when Guance gives none.
    package init(
        previous: [String: SeenReply], fresh: [GuanceReply], listIsComplete: Bool, issueUUID: String,
        filter: ReplyFilter, mapper: GuanceEventMapper, observedAt: Date
    ) {
        var latest: [String: GuanceReply] = [:]
        for reply in fresh {
            if let known = latest[reply.uuid], Self.isNewer(known, than: reply) { continue }
            latest[reply.uuid] = reply
        }
        var created: [GuanceReplyChange] = []
        var edited: [GuanceReplyChange] = []
        var deleted: [GuanceReplyDeletion] = []
        var state = previous
        for reply in latest.values where filter.shouldMirror(reply) {
            if reply.isDeleted {
                if state.removeValue(forKey: reply.uuid) != nil {
                    deleted.append(GuanceReplyDeletion(issueUUID: issueUUID, replyUUID: reply.uuid, deletedAt: reply.deletedAt))
                }
                continue
            }
            let change = mapper.replyChange(of: reply, issueUUID: issueUUID)
            let seen = SeenReply(contentDigest: SeenReply.digest(of: reply.content), updatedAt: change.updatedAt)
            switch state[reply.uuid] {
            case nil: created.append(change)
            case let old? where old.contentDigest != seen.contentDigest: edited.append(change)
            default: break
            }
            state[reply.uuid] = seen
        }
        if listIsComplete {
            for uuid in previous.keys where latest[uuid] == nil {
                state.removeValue(forKey: uuid)
                deleted.append(GuanceReplyDeletion(issueUUID: issueUUID, replyUUID: uuid, deletedAt: observedAt))
            }
        }
        // Guance timestamps have second precision: replies of the same second are ordered by
        // their internal numeric id (assigned in creation order), then by UUID.
        let sequence = latest.mapValues { $0.numericID ?? Int.max }
        let order = { (lhs: GuanceReplyChange, rhs: GuanceReplyChange) -> Bool in
            Self.changeOrder(lhs, rhs, sequence: sequence)
        }
        self.created = created.sorted(by: order)
        self.edited = edited.sorted(by: order)
        self.deleted = deleted.sorted { $0.replyUUID < $1.replyUUID }
        self.nextState = state
    }

    /// Whether nothing changed.
    package var isEmpty: Bool { created.isEmpty && edited.isEmpty && deleted.isEmpty }

    /// The changes as events: creations, then edits, then deletions, each in time order.
    package func events(observedAt: Date) -> [SyncEvent] {
        created.map { SyncEvent(body: .guanceReplyCreated($0), occurredAt: $0.createdAt ?? observedAt, observedAt: observedAt) }
            + edited.map {
                SyncEvent(body: .guanceReplyEdited($0), occurredAt: $0.updatedAt ?? observedAt, observedAt: observedAt)
            }
            + deleted.map {
                SyncEvent(body: .guanceReplyDeleted($0), occurredAt: $0.deletedAt ?? observedAt, observedAt: observedAt)
            }
    }

    private static func isNewer(_ lhs: GuanceReply, than rhs: GuanceReply) -> Bool {
        if lhs.isDeleted != rhs.isDeleted { return lhs.isDeleted }
        let left = lhs.latestModifiedAt ?? lhs.updatedAt ?? .distantPast
        let right = rhs.latestModifiedAt ?? rhs.updatedAt ?? .distantPast
        return left > right
    }

    private static func changeOrder(
        _ lhs: GuanceReplyChange, _ rhs: GuanceReplyChange, sequence: [String: Int]
    ) -> Bool {
        let left = lhs.createdAt ?? .distantPast
        let right = rhs.createdAt ?? .distantPast
        if left != right { return left < right }
        let leftSequence = sequence[lhs.replyUUID] ?? Int.max
        let rightSequence = sequence[rhs.replyUUID] ?? Int.max
        return leftSequence != rightSequence ? leftSequence < rightSequence : lhs.replyUUID < rhs.replyUUID
    }
}
