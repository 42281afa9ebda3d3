import Foundation
import GuanceAPI
import GuancePoller
import Logging
import StageRuntime
import SyncCore

/// guance-poller at run time: the poller core's state, the Guance client, and the Kafka side
/// (events out, checkpoints, the published-event log). ``cycle(now:includeWindow:)`` is one poll.
///
/// Every cycle: (1) when due, the windowed issue list of every channel
/// (`[cursor − overlap, now + margin]`); (2) the planner's sweep and reply checks within the
/// budget left; (3) the events the state and the de-duplicator admit are published and
/// acknowledged; (4) only then the checkpoint is saved, with the offsets of `guance.events.v1` up
/// to which the topic has been folded into the state. On start, and every ``foldInterval`` while
/// running, the events published after those offsets — the poller's own (a crash between (3) and
/// (4)) and `syncctl backfill`'s — are folded into the state: the poller's are not emitted again,
/// and backfilled issues are tracked from then on like any other.
///
/// The first start (no checkpoint) fixes the start time (``GuancePollerState/syncFrom``):
/// `guance.syncFrom`, else now minus the overlap. Issues last changed before it publish nothing
/// until they change again (see ``GuancePollerState``).
struct PollingSession {
    /// The ids kept by the de-duplicator (bounded so the main checkpoint record stays small; the
    /// replayed state is the first line of defence against duplicates).
    static let deduplicatorCapacity = 4_000
    /// The crash point right after a batch of events is acknowledged, before the checkpoint.
    static let eventsPublishedCrashPoint = "guance_events_published"

    /// The sweep's window start: the epoch, so the sweep lists every issue while still sending
    /// the `startTime`/`endTime` that the English docs mark required.
    static let sweepStart = Date(timeIntervalSince1970: 0)
    /// How often events other producers (`syncctl backfill`) published are folded into the state.
    static let foldInterval: TimeInterval = 60

    private let settings: PollerSettings
    private let client: GuanceClient
    private let channels: [ChannelSelection.Channel]
    private let publisher: EventPublisher
    private let checkpoints: CheckpointStore
    private let eventLog: PublishedEventLog
    private let context: StageContext
    private let layout: PollerCheckpointLayout
    private let planner: PollPlanner

    private var state: GuancePollerState
    private var deduplicator: OverlapDeduplicator
    private var filter: ReplyFilter
    private var generation: Int
    private var shardCount: Int
    private var eventOffsets: [Int32: Int64]

    /// When the last checkpoint was saved (or restored).
    private(set) var checkpointSavedAt: Date?
    /// When the last windowed list was read.
    private(set) var lastWindowListAt: Date?
    /// When `guance.events.v1` was last folded into the state.
    private var lastFoldAt: Date

    /// What one cycle did.
    struct Report: Sendable {
        /// Events published.
        var published: Int
        /// Requests the cycle's plan left for later (reply checks that did not fit, a deferred sweep).
        var backlog: Int
        /// Whether work is waiting that the next cycle can do without a windowed list.
        var hasPendingWork: Bool
    }

    /// Restores the checkpoint (if any), replays what was published after it, and prepares a
    /// catch-up: a sweep and a reply check of every open tracked issue, because nothing is known
    /// about what happened while the poller was down.
    init(
        settings: PollerSettings, client: GuanceClient, channels: [ChannelSelection.Channel], publisher: EventPublisher,
        checkpoints: CheckpointStore, eventLog: PublishedEventLog, context: StageContext, now: Date = Date()
    ) async throws {
        let layout = PollerCheckpointLayout(poller: settings.poller)
        let stored = checkpoints.checkpoints(of: settings.poller)
        let restored = try layout.restore(from: stored, overlap: settings.overlap, capacity: Self.deduplicatorCapacity)
        let firstStart = settings.firstStartSyncFrom(now: now)
        var state = restored?.state ?? GuancePollerState(syncFrom: firstStart)
        var deduplicator = restored?.deduplicator ?? OverlapDeduplicator(
            start: min(firstStart, now.addingTimeInterval(-settings.overlap)), overlap: settings.overlap,
            capacity: Self.deduplicatorCapacity)
        let generation = restored?.generation ?? 0
        let iso = { (date: Date?) in date.map { $0.formatted(Date.ISO8601FormatStyle()) } ?? "none" }
        if restored != nil, let configured = settings.configuredSyncFrom, configured != state.syncFrom {
            context.logger.warning(
                "guance.syncFrom applies to the first start only; the checkpoint's start time stays (bring older issues in with syncctl backfill)",
                metadata: ["configured": "\(iso(configured))", "sync_from": "\(iso(state.syncFrom))"])
        }

        let (published, ends) = try await eventLog.events(since: restored?.eventOffsets ?? [:])
        for event in published { state.replay(event) }
        _ = deduplicator.admit(published)

        state.lastSweepAt = nil
        for (uuid, issue) in state.issues where issue.isOpen {
            state.issues[uuid]?.markChanged(at: now)
        }
        for scope in stored.keys where PollerCheckpointLayout.isStaleShard(scope, current: generation) {
            try await checkpoints.delete(poller: settings.poller, scope: scope)
        }
        context.logger.info("guance-poller resumed", metadata: [
            "checkpoint": "\(restored == nil ? "none" : "restored")", "tracked_issues": "\(state.issues.count)",
            "pre_start_issues": "\(state.preStartIssues.count)", "replayed_events": "\(published.count)",
            "cursor": "\(deduplicator.cursor)",
            "sync_from": "\(iso(state.syncFrom))",
        ])

        self.settings = settings
        self.client = client
        self.channels = channels
        self.publisher = publisher
        self.checkpoints = checkpoints
        self.eventLog = eventLog
        self.context = context
        self.layout = layout
        self.planner = PollPlanner(configuration: settings.planner)
        self.filter = settings.filter
        self.state = state
        self.deduplicator = deduplicator
        self.generation = generation
        self.shardCount = stored.keys.filter { $0.hasPrefix("shard-\(generation)-") }.count
        self.eventOffsets = ends
        self.checkpointSavedAt = restored?.writtenAt
        self.lastFoldAt = now
    }

    /// The interval between windowed lists: the configured poll interval, stretched so list
    /// calls use at most half of the budget.
    var windowInterval: TimeInterval {
        max(settings.pollInterval, PollerSettings.minimumListInterval(
            requestsPerMinute: settings.requestsPerMinute, pages: state.windowListPages * max(1, channels.count)))
    }

    /// One poll. Publishes what changed and saves the checkpoint once Kafka acknowledged it.
    /// - Parameter includeWindow: whether the windowed issue list is read (it is due); a cycle
    ///   without it only works off the planner's sweep and reply checks.
    mutating func cycle(now: Date, includeWindow: Bool) async throws -> Report {
        var working = state
        var deduplicator = deduplicator
        var events: [SyncEvent] = []
        var foldedOffsets = eventOffsets
        let fold = includeWindow && now.timeIntervalSince(lastFoldAt) >= Self.foldInterval
        if fold {
            let (published, ends) = try await eventLog.events(since: eventOffsets)
            for event in published { working.replay(event) }
            _ = deduplicator.admit(published)
            foldedOffsets = ends
        }
        if includeWindow {
            let end = now.addingTimeInterval(PollerSettings.windowEndMargin)
            var pages = 0
            for channel in channels {
                let (issues, count) = try await listIssues(channel, from: deduplicator.windowStart, to: end)
                events += working.observe(issues: issues, mapper: settings.mapper, observedAt: now)
                pages += count
            }
            working.recordWindowList(pages: max(1, pages / max(1, channels.count)))
        }
        let plan = planner.plan(state: working, budget: PollBudget(status: client.rateLimitStatus()), now: now)
        if plan.sweepListPages > 0 {
            var pages = 0
            var listed = Set<String>()
            for channel in channels {
                let (issues, count) = try await listIssues(
                    channel, from: Self.sweepStart, to: now.addingTimeInterval(PollerSettings.windowEndMargin))
                events += working.observe(issues: issues, mapper: settings.mapper, observedAt: now)
                listed.formUnion(issues.map(\.uuid))
                pages += count
            }
            working.forgetPreStartIssues(notListedIn: listed)
            working.recordSweep(at: now, pages: pages)
        }
        var lastFailure: (any Error)?
        var checked = 0
        for (uuid, isPreStart) in plan.replyChecks.map({ ($0, false) }) + plan.preStartReplyChecks.map({ ($0, true) }) {
            do {
                events += isPreStart
                    ? try await checkPreStartReplies(of: uuid, in: &working, now: now)
                    : try await checkReplies(of: uuid, in: &working, now: now)
                checked += 1
            } catch {
                // Stopping ended the wait for budget: publish what was read, check the rest next time.
                if StageShutdown.isRequested { break }
                // The issue stays due; the other checks and the lists are still worth publishing.
                context.logger.warning("reply check failed", metadata: ["issue": "\(uuid)", "error": "\(error)"])
                lastFailure = error
            }
        }
        if let lastFailure, checked == 0, !includeWindow, plan.sweepListPages == 0 { throw lastFailure }
        let backlog = plan.backlog.count + (plan.sweepDeferred ? max(1, working.sweepListPages) : 0)
        let pendingChecks = working.issues.values.contains(where: \.replyCheckPending)
        let report = Report(
            published: 0, backlog: backlog, hasPendingWork: backlog > 0 || pendingChecks || plan.sweepDeferred)
        guard includeWindow || plan.sweepListPages > 0 || !plan.replyChecks.isEmpty || !plan.preStartReplyChecks.isEmpty
        else {
            // Nothing was read (no budget yet): nothing to publish or save.
            return report
        }

        let admitted = deduplicator.admit(events)
        if includeWindow { deduplicator.advance(to: now) }
        // The checkpoint keeps the folded offsets, not the end after this publish: events other
        // producers published in between must still be folded (this cycle's own are re-read as
        // no-ops after a restart).
        let published = try await publish(admitted) != nil
        state = working
        self.deduplicator = deduplicator
        if includeWindow { lastWindowListAt = now }
        if fold {
            eventOffsets = foldedOffsets
            lastFoldAt = now
        }
        // Published events are always checkpointed; otherwise at most once per poll interval (a
        // skipped save only costs re-reads after a restart, never an event).
        if published || checkpointSavedAt.map({ Date().timeIntervalSince($0) >= settings.pollInterval }) ?? true {
            try await saveCheckpoint()
        }
        return Report(published: admitted.count, backlog: report.backlog, hasPendingWork: report.hasPendingWork)
    }

    /// Seconds until the budget allows the next request (0 when it allows one now).
    var secondsUntilNextRequest: TimeInterval {
        let wait = client.rateLimitStatus().nextAvailable - ContinuousClock.now
        let components = wait.components
        return max(0, Double(components.seconds) + Double(components.attoseconds) / 1e18)
    }

    /// Every page of one channel's issue list, with the number of pages read.
    private func listIssues(
        _ channel: ChannelSelection.Channel, from start: Date, to end: Date
    ) async throws -> ([GuanceIssue], Int) {
        let query = GuanceIssueListQuery(channelUUID: channel.uuid, startTime: start, endTime: end)
        var issues: [GuanceIssue] = []
        var pages = 0
        for try await page in client.issuePages(query) {
            issues += page.items
            pages += 1
        }
        return (issues, pages)
    }

    /// Reads one issue's whole reply list and folds it into `working`. An issue Guance no longer
    /// knows is checked again only after its back-off (it stops being listed, so it goes quiet).
    private mutating func checkReplies(
        of uuid: String, in working: inout GuancePollerState, now: Date
    ) async throws -> [SyncEvent] {
        var replies: [GuanceReply] = []
        var pages = 0
        do {
            for try await page in client.replyPages(issueUUID: uuid) {
                replies += page.items
                pages += 1
            }
        } catch let error as GuanceAPIError where error.kind == .notFound {
            context.logger.info("issue no longer found; its replies are checked less often", metadata: ["issue": "\(uuid)"])
            working.issues[uuid]?.recordReplyCheck(at: now, foundChanges: false, pages: 1)
            return []
        }
        learnOwnKeys(from: replies)
        return working.observeReplies(
            replies, of: uuid, pages: pages, listIsComplete: true, filter: filter, mapper: settings.mapper,
            observedAt: now)
    }

    /// Reads the reply list of an open issue from before the start time. A reply written or edited
    /// since the start puts the issue in scope: it is read (its snapshot published, as the lists
    /// would show it) and its replies folded like a tracked issue's, so its whole conversation is
    /// published. An issue Guance no longer knows is forgotten.
    private mutating func checkPreStartReplies(
        of uuid: String, in working: inout GuancePollerState, now: Date
    ) async throws -> [SyncEvent] {
        var replies: [GuanceReply] = []
        var pages = 0
        do {
            for try await page in client.replyPages(issueUUID: uuid) {
                replies += page.items
                pages += 1
            }
            learnOwnKeys(from: replies)
            guard working.observePreStartReplies(replies, of: uuid, filter: filter, observedAt: now) else { return [] }
            var issue = try await client.issue(uuid)
            // The lists carry no `issue/get` details: without them the snapshot is the one the
            // lists give, so the next list of the issue does not publish it again.
            issue.details = nil
            guard let snapshot = working.enterScope(issue, mapper: settings.mapper, observedAt: now) else { return [] }
            context.logger.info("an issue from before the start time has a new reply: syncing it", metadata: ["issue": "\(uuid)"])
            return [snapshot] + working.observeReplies(
                replies, of: uuid, pages: pages, listIsComplete: true, filter: filter, mapper: settings.mapper,
                observedAt: now)
        } catch let error as GuanceAPIError where error.kind == .notFound {
            working.preStartIssues.removeValue(forKey: uuid)
            return []
        }
    }

    /// Replies carrying the sync's marker were written with one of the sync's keys: remember the
    /// key, so its unmarked replies (if any) are skipped too.
    private mutating func learnOwnKeys(from replies: [GuanceReply]) {
        for reply in replies where SyncReplyMarker.isPresent(in: reply.extend) {
            if let creator = reply.creator, creator.hasPrefix("wsak_"), !filter.ownKeyIDs.contains(creator) {
                filter.ownKeyIDs.insert(creator)
                context.logger.info("learned the sync's Guance key id from a marked reply", metadata: ["key_id": "\(creator)"])
            }
        }
    }

    /// Publishes `events` and returns the topic's new high watermarks (`nil` when nothing was
    /// published). A stop lets it finish; cancelled (the drain timeout) before every
    /// acknowledgement, it throws and no checkpoint covers the events: the next start re-reads
    /// them from the topic, so none is emitted twice.
    private func publish(_ events: [SyncEvent]) async throws -> [Int32: Int64]? {
        guard !events.isEmpty else { return nil }
        try await publisher.publish(events)
        context.crashPoint(Self.eventsPublishedCrashPoint)
        return try await eventLog.highWatermarks()
    }

    /// Saves the state as a new shard generation, then the main record, then drops the previous
    /// generation (see ``PollerCheckpointLayout``).
    private mutating func saveCheckpoint() async throws {
        let writtenAt = Date()
        let next = generation + 1
        let records = try layout.records(
            state: state, deduplicator: deduplicator, generation: next, eventOffsets: eventOffsets, writtenAt: writtenAt)
        try await checkpoints.save(records.shards)
        try await checkpoints.save(records.main)
        for index in 0..<shardCount {
            try await checkpoints.delete(
                poller: settings.poller, scope: PollerCheckpointLayout.shardScope(generation: generation, index: index))
        }
        generation = next
        shardCount = records.shards.count
        checkpointSavedAt = writtenAt
    }
}
