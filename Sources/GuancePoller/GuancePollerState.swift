import Foundation
import GuanceAPI
import SyncCore

/// Everything guance-poller carries from one cycle to the next besides the cursor: tracked
/// issues with their replies and schedule, and list-cost estimates. Stored in the checkpoint's
/// `state` (see ``OverlapDeduplicator/checkpoint(poller:scope:state:writtenAt:)``).
public struct GuancePollerState: Sendable, Hashable, Codable {
    /// Tracked issues by UUID.
    public var issues: [String: TrackedIssue]
    /// When the last sweep (issue/list without a time window) completed.
    public var lastSweepAt: Date?
    /// Pages the last windowed list took (at least 1).
    public var windowListPages: Int
    /// Pages the last sweep took (at least 1).
    public var sweepListPages: Int

    /// An empty state (first start).
    public init() {
        issues = [:]
        lastSweepAt = nil
        windowListPages = 1
        sweepListPages = 1
    }

    /// Folds an issue list (windowed or sweep, any number of pages) into the state and returns
    /// the snapshot events to emit: one per issue that is new or whose snapshot differs from the
    /// last one emitted. Such issues get their replies checked next (``TrackedIssue/replyCheckPending``).
    /// Deleted issues (`deleteAt != -1`) stop being tracked and emit nothing.
    public mutating func observe(issues listed: [GuanceIssue], mapper: GuanceEventMapper, observedAt: Date) -> [SyncEvent] {
        var latest: [String: GuanceIssue] = [:]
        for issue in listed {
            if let known = latest[issue.uuid], (known.updatedAt ?? .distantPast) > (issue.updatedAt ?? .distantPast) {
                continue
            }
            latest[issue.uuid] = issue
        }
        var events: [SyncEvent] = []
        for issue in latest.values.sorted(by: Self.listOrder) {
            if issue.isDeleted {
                issues.removeValue(forKey: issue.uuid)
                continue
            }
            var snapshot = mapper.snapshot(of: issue)
            snapshot.statusChangedAt = issues[issue.uuid].flatMap { tracked in
                tracked.statusType != snapshot.statusType ? snapshot.updatedAt : tracked.statusChangedAt
            }
            let event = SyncEvent(
                body: .guanceIssueSnapshot(snapshot),
                occurredAt: snapshot.updatedAt ?? snapshot.createdAt ?? observedAt,
                observedAt: observedAt)
            if var tracked = issues[issue.uuid] {
                guard tracked.snapshotEventID != event.id else { continue }
                tracked.snapshotEventID = event.id
                tracked.updatedAt = snapshot.updatedAt
                tracked.statusType = snapshot.statusType
                tracked.statusChangedAt = snapshot.statusChangedAt
                tracked.markChanged(at: observedAt)
                issues[issue.uuid] = tracked
            } else {
                issues[issue.uuid] = TrackedIssue(
                    snapshotEventID: event.id, updatedAt: snapshot.updatedAt, statusType: snapshot.statusType,
                    observedAt: observedAt)
            }
            events.append(event)
        }
        return events
    }

    /// Folds one issue's reply list into the state and returns the reply events to emit.
    /// Replies of an issue that is not tracked (never listed, or deleted) are ignored.
    ///
    /// - Parameters:
    ///   - pages: how many pages the read took (the cost of the next check).
    ///   - listIsComplete: whether every page was read (otherwise no deletion is inferred).
    public mutating func observeReplies(
        _ replies: [GuanceReply], of issueUUID: String, pages: Int, listIsComplete: Bool, filter: ReplyFilter,
        mapper: GuanceEventMapper, observedAt: Date
    ) -> [SyncEvent] {
        guard var tracked = issues[issueUUID] else { return [] }
        let diff = ReplyDiff(
            previous: tracked.replies, fresh: replies, listIsComplete: listIsComplete, issueUUID: issueUUID,
            filter: filter, mapper: mapper, observedAt: observedAt)
        tracked.replies = diff.nextState
        if listIsComplete {
            tracked.recordReplyCheck(at: observedAt, foundChanges: !diff.isEmpty, pages: pages)
        }
        issues[issueUUID] = tracked
        return diff.events(observedAt: observedAt)
    }

    /// Records a completed windowed list (its page count is the next cycle's estimate).
    public mutating func recordWindowList(pages: Int) {
        windowListPages = max(1, pages)
    }

    /// Records a completed sweep.
    public mutating func recordSweep(at time: Date, pages: Int) {
        lastSweepAt = time
        sweepListPages = max(1, pages)
    }

    /// Creation time, then UUID: a stable order whatever order the pages came in.
    private static func listOrder(_ lhs: GuanceIssue, _ rhs: GuanceIssue) -> Bool {
        let left = lhs.createdAt ?? .distantPast
        let right = rhs.createdAt ?? .distantPast
        return left != right ? left < right : lhs.uuid < rhs.uuid
    }
}
