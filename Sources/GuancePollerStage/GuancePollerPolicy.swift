import Foundation
import GuanceAPI
import GuancePoller
import Metrics
import StageRuntime
import SyncCore

/// guance-poller on the ``PollerEngine``: its state (``GuancePollerProgress``), how it reads
/// Guance, and when it reads again. The engine publishes, checkpoints and reads back.
///
/// Every cycle: (1) when due, the windowed issue list of every channel
/// (`[cursor − overlap, now + margin]`); (2) the planner's sweep and reply checks within the
/// budget left; (3) the events the state and the de-duplicator admit. Windowed lists run every
/// ``windowInterval``; in between, cycles work off pending reply checks as soon as the budget
/// allows. Events read back from `guance.events.v1` — the poller's own after a crash between
/// publish and checkpoint, and `syncctl backfill`'s — are folded with
/// ``GuancePollerState/replay(_:)``: the poller's are not emitted again, and backfilled issues
/// are tracked from then on like any other.
///
/// The first start (no checkpoint) fixes the start time (``GuancePollerState/syncFrom``):
/// `guance.syncFrom`, else now minus the overlap. Issues last changed before it publish nothing
/// until they change again (see ``GuancePollerState``).
struct GuancePollerPolicy: PollerPolicy {
    /// The ids kept by the de-duplicator (the replayed state is the first line of defence
    /// against duplicates).
    static let deduplicatorCapacity = 4_000
    /// The crash point right after a batch of events is acknowledged, before the checkpoint.
    static let eventsPublishedCrashPoint = "guance_events_published"
    /// The sweep's window start: the epoch, so the sweep lists every issue while still sending
    /// the `startTime`/`endTime` that the English docs mark required.
    static let sweepStart = Date(timeIntervalSince1970: 0)
    /// The shortest pause between cycles.
    static let minimumPause: TimeInterval = 0.2
    /// The pause after a failed cycle.
    static let failurePause: Duration = .seconds(5)

    private let settings: PollerSettings
    private let pool: GuanceClientPool
    /// The primary key's client: its reading of Guance's clock is the poller's.
    private var client: GuanceClient { pool.primary }
    private let channels: [ChannelSelection.Channel]
    private let context: StageContext
    private let planner: PollPlanner
    private var filter: ReplyFilter
    /// When the last windowed list was read.
    private var lastWindowListAt: Date?
    /// A first start without `guance.syncFrom`: its start time was taken from the host's clock, and
    /// is moved back by the host's lead over Guance's clock once the first answer tells it.
    private var startTimeFromHostClock = false

    init(settings: PollerSettings, pool: GuanceClientPool, channels: [ChannelSelection.Channel], context: StageContext) {
        self.settings = settings
        self.pool = pool
        self.channels = channels
        self.context = context
        planner = PollPlanner(configuration: settings.planner)
        filter = settings.filter
    }

    var name: String { settings.poller }
    var eventTopic: SyncTopic { .guanceEvents }
    var readinessCheck: String { GuancePollerStage.readinessCheck }
    var publishedCrashPoint: String { Self.eventsPublishedCrashPoint }
    var idleCheckpointInterval: Duration { .seconds(settings.pollInterval) }

    func initialState(now: Date) -> GuancePollerProgress {
        let syncFrom = settings.firstStartSyncFrom(now: now)
        return GuancePollerProgress(
            state: GuancePollerState(syncFrom: syncFrom),
            deduplicator: OverlapDeduplicator(
                start: min(syncFrom, now.addingTimeInterval(-settings.overlap)), overlap: settings.overlap,
                capacity: Self.deduplicatorCapacity))
    }

    func checkpoint(of progress: GuancePollerProgress) -> PollerCheckpointParts<GuancePollerState, GuancePollerProgress.Item> {
        progress.parts
    }

    func restore(_ parts: PollerCheckpointParts<GuancePollerState, GuancePollerProgress.Item>) -> GuancePollerProgress {
        GuancePollerProgress(parts: parts, overlap: settings.overlap, capacity: Self.deduplicatorCapacity)
    }

    func restoreLegacy(_ records: [String: PollerCheckpoint]) throws -> (state: GuancePollerProgress, offsets: [Int32: Int64])? {
        try GuanceLegacyCheckpoint.restore(from: records, overlap: settings.overlap, capacity: Self.deduplicatorCapacity)
            .map { ($0.progress, $0.offsets) }
    }

    func fold(_ event: SyncEvent, into progress: inout GuancePollerProgress) {
        progress.state.replay(event)
        _ = progress.deduplicator.admit([event])
    }

    /// Prepares a catch-up — a sweep and a reply check of every open tracked issue, because
    /// nothing is known about what happened while the poller was down — and logs where it resumes.
    mutating func resume(_ progress: inout GuancePollerProgress, from start: PollerStart, now: Date) {
        startTimeFromHostClock = start == .firstStart && settings.configuredSyncFrom == nil
        let iso = { (date: Date?) in date.map { $0.formatted(Date.ISO8601FormatStyle()) } ?? "none" }
        var replayed = 0
        if case .checkpoint(_, _, let count) = start {
            replayed = count
            if let configured = settings.configuredSyncFrom, configured != progress.state.syncFrom {
                context.logger.warning(
                    "guance.syncFrom applies to the first start only; the checkpoint's start time stays (bring older issues in with syncctl backfill)",
                    metadata: ["configured": "\(iso(configured))", "sync_from": "\(iso(progress.state.syncFrom))"])
            }
        }
        // A sweep at every start (the down time is unobserved); one under way goes on where it stopped,
        // so restarts faster than a sweep still get through every page.
        progress.state.lastSweepAt = nil
        for (uuid, issue) in progress.state.issues where issue.isOpen {
            progress.state.issues[uuid]?.markChanged(at: now)
        }
        context.logger.info("guance-poller resumed", metadata: [
            "checkpoint": "\(start == .firstStart ? "none" : "restored")",
            "tracked_issues": "\(progress.state.issues.count)", "pre_start_issues": "\(progress.state.preStartIssues.count)",
            "replayed_events": "\(replayed)", "cursor": "\(progress.deduplicator.cursor)",
            "sync_from": "\(iso(progress.state.syncFrom))",
        ])
    }

    func pause(afterFailures failures: Int) -> Duration { Self.failurePause }

    func readinessDetail(for error: any Error) -> String {
        if let error = error as? GuanceAPIError { return "Guance: \(error.kind)" }
        return "\(type(of: error))"
    }

    /// The interval between windowed lists: the configured poll interval, stretched so list
    /// calls use at most half of the budget.
    func windowInterval(_ state: GuancePollerState) -> TimeInterval {
        max(settings.pollInterval, PollerSettings.minimumListInterval(
            requestsPerMinute: settings.requestsPerMinute, pages: state.windowListPages * max(1, channels.count)))
    }

    /// One poll: the windowed list when due, then the planner's sweep and reply checks.
    mutating func cycle(from progress: GuancePollerProgress, now: Date) async throws -> PollCycle<GuancePollerProgress> {
        let includeWindow = lastWindowListAt.map { now.timeIntervalSince($0) >= windowInterval(progress.state) } ?? true
        var working = progress.state
        var deduplicator = progress.deduplicator
        var events: [SyncEvent] = []
        if includeWindow {
            // Guance's time, not the host's: a host clock ahead of Guance by more than the overlap
            // would otherwise start the next window after issues Guance stamps now.
            let end = client.serviceClock.now(at: now).addingTimeInterval(PollerSettings.windowEndMargin)
            var pages = 0
            var listed: [GuanceIssue] = []
            for channel in channels {
                let (issues, count) = try await listIssues(channel, from: deduplicator.windowStart, to: end)
                listed += issues
                pages += count
            }
            correctHostClockStart(&working, &deduplicator)
            events += working.observe(issues: listed, mapper: settings.mapper, observedAt: now)
            working.recordWindowList(pages: max(1, pages / max(1, channels.count)))
        }
        let budget = PollBudget(status: pool.rateLimitStatus())
        let plan = planner.plan(state: working, budget: budget, now: now)
        if plan.sweepListPages > 0 {
            events += try await sweep(pages: plan.sweepListPages, in: &working, now: now)
        } else {
            working.sweepCursor?.cyclesWithoutPage += 1
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
        let sweepLeft = working.sweepPagesLeft
        let backlog = plan.backlog.count + (sweepLeft ?? (plan.sweepDeferred ? max(1, working.sweepListPages) : 0))
        // What waits for budget is what this stage would borrow from the others sharing its key.
        client.rateLimiter.reportBacklog(Self.budgetBoundBacklog(
            backlog, available: budget.availableNow - planner.configuration.reserve, planned: plan.requestCount))
        Self.recordSweepGauges(working, now: now)
        let pending = backlog > 0 || plan.sweepDeferred || working.issues.values.contains(where: \.replyCheckPending)
        let admitted = deduplicator.admit(events)
        if includeWindow {
            deduplicator.advance(to: client.serviceClock.now(at: now))
            lastWindowListAt = now
        }
        let nextWindow = (lastWindowListAt ?? now).addingTimeInterval(windowInterval(working))
        var pause = nextWindow.timeIntervalSince(context.hostNow())
        if pending { pause = min(pause, max(Self.minimumPause, secondsUntilNextRequest)) }
        return PollCycle(
            state: GuancePollerProgress(state: working, deduplicator: deduplicator), events: admitted, backlog: backlog,
            nextCycle: .milliseconds(Int(max(0, pause) * 1000)))
    }

    /// After the first list of a first start: when the host's clock is ahead of Guance's, the start
    /// time and the cursor (taken from the host) move back by the lead, so issues Guance stamps in
    /// between are neither history nor outside the next window.
    private mutating func correctHostClockStart(_ state: inout GuancePollerState, _ deduplicator: inout OverlapDeduplicator) {
        guard startTimeFromHostClock else { return }
        startTimeFromHostClock = false
        guard let offset = client.serviceClock.offsetSeconds, offset < 0 else { return }
        state.syncFrom = state.syncFrom?.addingTimeInterval(offset)
        deduplicator.moveBack(to: deduplicator.cursor.addingTimeInterval(offset))
        context.logger.warning("this host's clock is ahead of Guance's; the start time moved back by the difference", metadata: [
            "seconds": "\(Int(-offset))", "sync_from": "\(state.syncFrom.map { $0.formatted(Date.ISO8601FormatStyle()) } ?? "none")",
        ])
    }

    /// Seconds until the budget allows the next request (0 when it allows one now).
    private var secondsUntilNextRequest: TimeInterval {
        let wait = pool.rateLimitStatus().nextAvailable - ContinuousClock.now
        let components = wait.components
        return max(0, Double(components.seconds) + Double(components.attoseconds) / 1e18)
    }

    /// Reads the next `pages` pages of the sweep (starting one when none is under way), channel after
    /// channel; records the sweep once the last page of the last channel was read. Pre-start issues
    /// the sweep did not list are forgotten only when the whole sweep was read in one cycle.
    private mutating func sweep(pages: Int, in working: inout GuancePollerState, now: Date) async throws -> [SyncEvent] {
        let startsHere = working.sweepCursor == nil
        var cursor = working.sweepCursor ?? SweepCursor(startedAt: now)
        cursor.cyclesWithoutPage = 0
        var listed = Set<String>()
        var events: [SyncEvent] = []
        var budget = pages
        while budget > 0, cursor.channel < channels.count {
            var query = GuanceIssueListQuery(
                channelUUID: channels[cursor.channel].uuid, startTime: Self.sweepStart,
                endTime: now.addingTimeInterval(PollerSettings.windowEndMargin))
            query.pageIndex = cursor.page
            var reachedEnd = true
            for try await page in pool.next().issuePages(query, maxPages: budget) {
                events += working.observe(issues: page.items, mapper: settings.mapper, observedAt: now)
                listed.formUnion(page.items.map(\.uuid))
                budget -= 1
                cursor.page += 1
                cursor.pagesRead += 1
                reachedEnd = page.isLast
            }
            guard reachedEnd else { break }
            cursor.channel += 1
            cursor.page = 1
        }
        if cursor.channel < channels.count {
            working.sweepCursor = cursor
        } else {
            // Only a sweep read within one cycle lists every issue for sure: across cycles, issues that
            // left the list shift later pages, and an issue can be skipped until the next sweep.
            if startsHere { working.forgetPreStartIssues(notListedIn: listed) }
            working.sweepCursor = nil
            // The next sweep is due an interval after this one ended: a sweep longer than the interval
            // does not start the next one at once.
            working.recordSweep(at: now, pages: cursor.pagesRead)
        }
        return events
    }

    /// The part of `backlog` (requests left for later) the pool's budget could not have served this
    /// cycle: work held back only by the per-cycle cap (``PollPlanner/Configuration/maximumRequestsPerCycle``)
    /// runs next cycle on budget the pool still has, so it is not borrowed for — with a pool of keys
    /// the poller would otherwise always "want" and never lend its main key's idle requests.
    static func budgetBoundBacklog(_ backlog: Int, available: Int, planned: Int) -> Int {
        max(0, backlog - max(0, available - planned))
    }

    /// `sync_poller_sweep_pages_left` (the running sweep's pages still to read, by its estimate; 0
    /// between sweeps) and `sync_poller_sweep_age_seconds` (since the last complete sweep ended:
    /// with the window on `createAt`, a change to an older issue can stay unseen about that long
    /// plus one sweep).
    private static func recordSweepGauges(_ state: GuancePollerState, now: Date) {
        Gauge(label: StageMetricName.sweepPagesLeft, dimensions: [("stage", GuancePollerStage.name)])
            .record(state.sweepPagesLeft ?? 0)
        if let last = state.lastSweepAt {
            Gauge(label: StageMetricName.sweepAge, dimensions: [("stage", GuancePollerStage.name)])
                .record(max(0, now.timeIntervalSince(last)))
        }
    }

    /// Every page of one channel's issue list, with the number of pages read.
    private func listIssues(
        _ channel: ChannelSelection.Channel, from start: Date, to end: Date
    ) async throws -> ([GuanceIssue], Int) {
        let query = GuanceIssueListQuery(channelUUID: channel.uuid, startTime: start, endTime: end)
        var issues: [GuanceIssue] = []
        var pages = 0
        for try await page in pool.next().issuePages(query) {
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
        let replies: [GuanceReply]
        let pages: Int
        do {
            (replies, pages) = try await readReplies(of: uuid)
        } catch let error as GuanceAPIError where error.kind == .notFound {
            context.logger.info("issue no longer found; its replies are checked less often", metadata: ["issue": "\(uuid)"])
            working.issues[uuid]?.recordReplyCheck(at: now, foundChanges: false, pages: 1)
            return []
        }
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
        do {
            let (replies, pages) = try await readReplies(of: uuid)
            guard working.observePreStartReplies(replies, of: uuid, filter: filter, observedAt: now) else { return [] }
            var issue = try await pool.next().issue(uuid)
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

    /// Every page of one issue's reply list, with the number of pages read; learns the sync's own
    /// keys from the marked replies among them.
    private mutating func readReplies(of uuid: String) async throws -> (replies: [GuanceReply], pages: Int) {
        var replies: [GuanceReply] = []
        var pages = 0
        for try await page in pool.next().replyPages(issueUUID: uuid) {
            replies += page.items
            pages += 1
        }
        learnOwnKeys(from: replies)
        return (replies, pages)
    }

    /// Replies carrying the sync's marker were written with one of the sync's keys: remember the
    /// key, so its unmarked replies (if any) are skipped too.
    private mutating func learnOwnKeys(from replies: [GuanceReply]) {
        for reply in replies where GuanceReplyMarker.isPresent(in: reply.extend.fields) {
            if let creator = reply.creator, creator.hasPrefix("wsak_"), !filter.ownKeyIDs.contains(creator) {
                filter.ownKeyIDs.insert(creator)
                context.logger.info("learned the sync's Guance key id from a marked reply", metadata: ["key_id": "\(creator)"])
            }
        }
    }
}
