import Foundation
import GuanceAPI
import SyncCore

/// Everything guance-poller carries from one cycle to the next besides the cursor: its start
/// time, tracked issues with their replies and schedule, open issues from before the start time,
/// and list-cost estimates. Stored in the checkpoint's `state` (see
/// ``OverlapDeduplicator/checkpoint(poller:scope:state:writtenAt:)``).
///
/// **Scope.** An issue is synced (tracked, its snapshot and replies published) once it is *in
/// scope*: created or updated at or after ``syncFrom``, or — found by a reply check of a
/// ``PreStartIssue`` — given a reply written or edited at or after it. Issues last changed before
/// ``syncFrom`` produce no event while they stay unchanged; history is `syncctl backfill`'s job.
/// An issue that enters scope is then synced like any other, its whole conversation included.
/// Once tracked, an issue stays in scope.
package struct GuancePollerState: Sendable, Hashable, Codable {
    /// Where syncing starts: the first start's time minus the overlap, or `guance.syncFrom`. Set
    /// once, at the first start, and kept by the checkpoint. `nil` (a checkpoint written before
    /// start times existed) puts every issue in scope, as then.
    package var syncFrom: Date?
    /// Tracked issues by UUID.
    package var issues: [String: TrackedIssue]
    /// Open issues last changed before ``syncFrom``, by UUID (see ``PreStartIssue``).
    package var preStartIssues: [String: PreStartIssue]
    /// When the last sweep (issue/list without a time window) completed.
    package var lastSweepAt: Date?
    /// Pages the last windowed list took (at least 1).
    package var windowListPages: Int
    /// Pages the last sweep took (at least 1).
    package var sweepListPages: Int
    /// The sweep under way, when it spans cycles (`nil` between sweeps).
    package var sweepCursor: SweepCursor?

    /// Pages the running sweep still has to read, by the last sweep's page count (at least 1 while
    /// it runs); `nil` between sweeps.
    package var sweepPagesLeft: Int? {
        sweepCursor.map { max(1, sweepListPages - $0.pagesRead) }
    }

    /// An empty state (first start) syncing from `syncFrom` (`nil`: every issue).
    package init(syncFrom: Date? = nil) {
        self.syncFrom = syncFrom
        issues = [:]
        preStartIssues = [:]
        lastSweepAt = nil
        windowListPages = 1
        sweepListPages = 1
    }

    private enum CodingKeys: String, CodingKey {
        case syncFrom, issues, preStartIssues, lastSweepAt, windowListPages, sweepListPages, sweepCursor
    }

    /// Decodes a state; fields added since the first version default to empty.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        syncFrom = try container.decodeIfPresent(Date.self, forKey: .syncFrom)
        issues = try container.decodeIfPresent([String: TrackedIssue].self, forKey: .issues) ?? [:]
        preStartIssues = try container.decodeIfPresent([String: PreStartIssue].self, forKey: .preStartIssues) ?? [:]
        lastSweepAt = try container.decodeIfPresent(Date.self, forKey: .lastSweepAt)
        windowListPages = try container.decodeIfPresent(Int.self, forKey: .windowListPages) ?? 1
        sweepListPages = try container.decodeIfPresent(Int.self, forKey: .sweepListPages) ?? 1
        sweepCursor = try container.decodeIfPresent(SweepCursor.self, forKey: .sweepCursor)
    }

    /// Whether an issue the poller does not track yet is in scope by its own timestamps: its
    /// latest of `createAt` and `updateAt` is at or after ``syncFrom``. An issue without either
    /// timestamp is in scope (nothing to tell it is old).
    package func isInScope(_ issue: GuanceIssue) -> Bool {
        guard let syncFrom else { return true }
        guard let changedAt = [issue.createdAt, issue.updatedAt].compactMap({ $0 }).max() else { return true }
        return changedAt >= syncFrom
    }

    /// Folds an issue list (windowed or sweep, any number of pages) into the state and returns
    /// the snapshot events to emit: one per tracked issue whose snapshot differs from the last one
    /// emitted, and one per issue entering scope (see the type's documentation). Such issues get
    /// their replies checked next (``TrackedIssue/replyCheckPending``). An issue out of scope
    /// emits nothing: an open one is remembered as a ``PreStartIssue``, a resolved one is not
    /// remembered. Deleted issues (`deleteAt != -1`) stop being tracked and emit nothing.
    package mutating func observe(issues listed: [GuanceIssue], mapper: GuanceEventMapper, observedAt: Date) -> [SyncEvent] {
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
                preStartIssues.removeValue(forKey: issue.uuid)
                continue
            }
            if issues[issue.uuid] == nil && !isInScope(issue) {
                rememberPreStart(issue, observedAt: observedAt)
                continue
            }
            if let event = track(issue, mapper: mapper, observedAt: observedAt) { events.append(event) }
        }
        return events
    }

    /// Puts an issue in scope whatever its timestamps — a reply check of a ``PreStartIssue``
    /// found a reply written or edited at or after ``syncFrom`` — and returns its snapshot event
    /// (`nil` if the issue is tracked and unchanged, or deleted).
    package mutating func enterScope(_ issue: GuanceIssue, mapper: GuanceEventMapper, observedAt: Date) -> SyncEvent? {
        preStartIssues.removeValue(forKey: issue.uuid)
        guard !issue.isDeleted else {
            issues.removeValue(forKey: issue.uuid)
            return nil
        }
        return track(issue, mapper: mapper, observedAt: observedAt)
    }

    /// Folds the reply list of a ``PreStartIssue``. Returns whether the issue enters scope: a
    /// reply that would be mirrored was written or last edited at or after ``syncFrom`` (the
    /// caller then reads the issue and passes it to ``enterScope(_:mapper:observedAt:)``).
    /// Otherwise the check is recorded and nothing else changes.
    package mutating func observePreStartReplies(
        _ replies: [GuanceReply], of issueUUID: String, filter: ReplyFilter, observedAt: Date
    ) -> Bool {
        guard preStartIssues[issueUUID] != nil else { return false }
        let entersScope = replies.contains { reply in
            guard !reply.isDeleted, filter.shouldMirror(reply) else { return false }
            guard let syncFrom else { return true }
            let changedAt = [reply.createdAt, reply.updatedAt, reply.latestModifiedAt].compactMap { $0 }.max()
            return changedAt.map { $0 >= syncFrom } ?? true
        }
        if !entersScope { preStartIssues[issueUUID]?.lastReplyCheck = observedAt }
        return entersScope
    }

    /// Forgets the pre-start issues a complete sweep (every page of every channel) did not list:
    /// deleted, or no longer in the configured channels.
    package mutating func forgetPreStartIssues(notListedIn listed: Set<String>) {
        preStartIssues = preStartIssues.filter { listed.contains($0.key) }
    }

    /// Starts tracking an issue, or records its new snapshot; returns the event when there is one.
    private mutating func track(_ issue: GuanceIssue, mapper: GuanceEventMapper, observedAt: Date) -> SyncEvent? {
        preStartIssues.removeValue(forKey: issue.uuid)
        var snapshot = mapper.snapshot(of: issue)
        snapshot.statusChangedAt = issues[issue.uuid].flatMap { tracked in
            tracked.statusType != snapshot.statusType ? snapshot.updatedAt : tracked.statusChangedAt
        }
        let event = SyncEvent(
            body: .guanceIssueSnapshot(snapshot),
            occurredAt: snapshot.updatedAt ?? snapshot.createdAt ?? observedAt,
            observedAt: observedAt)
        if var tracked = issues[issue.uuid] {
            guard tracked.snapshotEventID != event.id else { return nil }
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
        return event
    }

    /// An out-of-scope issue: remembered while open, forgotten once resolved or closed.
    private mutating func rememberPreStart(_ issue: GuanceIssue, observedAt: Date) {
        if issue.statusType.isUnresolved {
            if preStartIssues[issue.uuid] == nil { preStartIssues[issue.uuid] = PreStartIssue(firstSeen: observedAt) }
        } else {
            preStartIssues.removeValue(forKey: issue.uuid)
        }
    }

    /// Folds one issue's reply list into the state and returns the reply events to emit.
    /// Replies of an issue that is not tracked (never listed, or deleted) are ignored.
    ///
    /// - Parameters:
    ///   - pages: how many pages the read took (the cost of the next check).
    ///   - listIsComplete: whether every page was read (otherwise no deletion is inferred).
    package mutating func observeReplies(
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
    package mutating func recordWindowList(pages: Int) {
        windowListPages = max(1, pages)
    }

    /// Records a completed sweep.
    package mutating func recordSweep(at time: Date, pages: Int) {
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
