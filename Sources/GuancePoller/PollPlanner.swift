import Foundation

/// Decides, each cycle, which Guance calls guance-poller makes within its request budget.
///
/// Order of priority:
/// 1. the windowed issue list (new issues, and changed ones when the window filters on `updateAt`);
/// 2. the sweep — issue/list without a time window — every ``Configuration/sweepInterval``, the
///    catch-all for changes the window cannot see when it filters on `createAt`;
/// 3. reply lists of issues that are due — an issue list showed them new or changed, or the
///    back-off of a quiet one has elapsed — **least recently read first** (a new issue counts from
///    when it was first seen): the oldest reply that may still be unseen goes first, so under a
///    tight budget no issue's next check is pushed back again and again by newer ones. (Changed
///    issues used to go first: in a monitor storm at 14 requests a minute new issues then kept the
///    second and third checks of earlier ones waiting, and a reply could wait 213 s instead of
///    118 s; `StormPlanningTests`.) The back-off of an open issue starts at
///    ``Configuration/baseInterval`` and doubles after every check that finds nothing, up to
///    ``Configuration/maximumInterval``; any activity resets it. Resolved and closed issues are
///    checked every ``Configuration/closedInterval``. This catches replies whether or not a reply
///    bumps the issue's `updateAt` (undocumented);
/// 4. reply lists of open issues from before the start time (``PreStartIssue``) every
///    ``Configuration/preStartInterval``, most overdue first: the only calls such an issue costs.
///
/// A plan never spends more than ``PollBudget/availableNow`` minus ``Configuration/reserve``, nor
/// more than ``Configuration/maximumRequestsPerCycle``.
/// What does not fit is reported as backlog with an estimate of when it clears.
///
/// API calls per synced change (pages of 100): an issue change costs its share of the list
/// pages it appears on (1/100 of a page) plus one reply-list call (to catch replies made with
/// it); a new or edited reply on an issue that changed costs that same reply-list call; a reply
/// that does not bump `updateAt` costs no extra call but waits for the issue's back-off (≤ the
/// maximum interval). The fixed cost is one windowed list per cycle plus the sweep pages every
/// sweep interval, plus one reply-list call per quiet issue per back-off interval. With 200 open
/// issues and the defaults that is about 1 + 0.2 + 200/30 ≈ 8 requests a minute when nothing
/// happens, leaving about 12 of the documented 20 for changes (about 12 changed issues a minute).
///
/// The windowed list's time unit and field are undocumented; the caller passes `startTime` from
/// ``OverlapDeduplicator/windowStart`` and the sweep makes either field safe.
package struct PollPlanner: Sendable {
    /// The planner's tunables.
    package struct Configuration: Sendable, Hashable {
        /// First back-off interval of a quiet open issue.
        package var baseInterval: TimeInterval = 60
        /// Longest back-off interval of an open issue.
        package var maximumInterval: TimeInterval = 30 * 60
        /// Interval between reply checks of resolved or closed issues.
        package var closedInterval: TimeInterval = 6 * 60 * 60
        /// Interval between reply checks of open issues from before the start time; `0` = never.
        package var preStartInterval: TimeInterval = 6 * 60 * 60
        /// Interval between sweeps.
        package var sweepInterval: TimeInterval = 10 * 60
        /// Interval between cycles (for the time-to-clear estimate).
        package var cycleInterval: TimeInterval = 60
        /// Requests left unspent every cycle (e.g. for another user of the same key).
        package var reserve: Int = 0
        /// The most requests one cycle makes, whatever the budget: a cycle publishes its events only
        /// at its end, so with a large budget (a key pool, a scaled key) an unbounded cycle — the sweep
        /// taking half of 188 requests after a restart — kept the next windowed list, and new issues,
        /// waiting for minutes. Work beyond it goes on in the next cycle, at once when budget allows.
        package var maximumRequestsPerCycle: Int = 30

        /// Creates the default configuration.
        package init() {}
    }

    /// The tunables.
    package var configuration: Configuration

    /// Creates a planner.
    package init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// The back-off interval after `quietChecks` checks in a row that found nothing.
    package func backoffInterval(quietChecks: Int, isOpen: Bool = true) -> TimeInterval {
        guard isOpen else { return configuration.closedInterval }
        let factor = pow(2, Double(max(0, min(quietChecks, 30))))
        return min(configuration.baseInterval * factor, configuration.maximumInterval)
    }

    /// When an issue's replies are next due (`.distantPast` when due now because of a change).
    package func nextReplyCheck(of issue: TrackedIssue) -> Date {
        guard !issue.replyCheckPending, let last = issue.lastReplyCheck else { return .distantPast }
        return last.addingTimeInterval(backoffInterval(quietChecks: issue.quietChecks, isOpen: issue.isOpen))
    }

    /// The plan for a cycle starting at `now`.
    package func plan(state: GuancePollerState, budget: PollBudget, now: Date) -> PollPlan {
        var remaining = min(max(0, budget.availableNow - configuration.reserve), configuration.maximumRequestsPerCycle)
        let windowPages = min(remaining, max(1, state.windowListPages))
        remaining -= windowPages

        let changed = state.issues.filter(\.value.replyCheckPending)
            .sorted { Self.earlier(($0.value.lastActivity, $0.key), ($1.value.lastActivity, $1.key)) }
        let quiet = state.issues.filter { !$0.value.replyCheckPending }
            .map { (uuid: $0.key, issue: $0.value, due: nextReplyCheck(of: $0.value)) }
            .filter { $0.due <= now }
            .sorted { Self.earlier(($0.due, $0.uuid), ($1.due, $1.uuid)) }
        let preStart = duePreStartIssues(state: state, now: now)
        // Least recently read first: the oldest reply that may still be unseen was written after
        // the issue's last check (a new issue: after it was first seen). A resolved or closed issue
        // counts from its due time: its 6 h interval is slack it was given, not a debt that would
        // put every due resolved issue before the issues a list just showed changed.
        let dueChecks = (changed.map { (uuid: $0.key, pages: $0.value.replyListPages, since: $0.value.lastReplyCheck ?? $0.value.lastActivity) }
            + quiet.map { (uuid: $0.uuid, pages: $0.issue.replyListPages, since: $0.issue.isOpen ? ($0.issue.lastReplyCheck ?? $0.due) : $0.due) })
            .sorted { Self.earlier(($0.since, $0.uuid), ($1.since, $1.uuid)) }
        let candidates = dueChecks.map { ($0.uuid, $0.pages, false) } + preStart.map { ($0, 1, true) }

        let sweepPages = sweepPages(state: state, remaining: remaining, replyChecksDue: !candidates.isEmpty, now: now)
        remaining -= sweepPages

        var checks: [String] = []
        var preStartChecks: [String] = []
        var backlog: [String] = []
        for (uuid, pages, isPreStart) in candidates {
            let cost = max(1, pages)
            if backlog.isEmpty && cost <= remaining {
                if isPreStart { preStartChecks.append(uuid) } else { checks.append(uuid) }
                remaining -= cost
            } else {
                backlog.append(uuid)
            }
        }
        let spent = windowPages + sweepPages + preStartChecks.count
            + checks.reduce(0) { $0 + max(1, state.issues[$1]?.replyListPages ?? 1) }
        return PollPlan(
            windowListPages: windowPages, sweepListPages: sweepPages, replyChecks: checks,
            preStartReplyChecks: preStartChecks, sweepDeferred: sweepIsDue(state: state, now: now) && sweepPages == 0, backlog: backlog,
            estimatedTimeToClear: timeToClear(backlog: backlog, state: state, budget: budget),
            requestCount: spent)
    }

    /// The sweep's pages this cycle. A sweep under way goes on; one whose estimated pages fit runs
    /// whole; a longer one — or one past its estimate (the first sweep, a grown workspace) — takes half
    /// of what is left, at least a page; with a single request left while reply checks are due, the
    /// two take turns. So a sweep of any size ends after a bounded number of cycles, and reply checks
    /// keep about half the budget meanwhile.
    private func sweepPages(state: GuancePollerState, remaining: Int, replyChecksDue: Bool, now: Date) -> Int {
        guard sweepIsDue(state: state, now: now), remaining > 0 else { return 0 }
        let estimatedLeft = state.sweepListPages - (state.sweepCursor?.pagesRead ?? 0)
        if estimatedLeft >= 1, estimatedLeft <= remaining { return estimatedLeft }
        if remaining == 1, replyChecksDue, let cursor = state.sweepCursor, cursor.cyclesWithoutPage == 0 { return 0 }
        return max(1, remaining / 2)
    }

    /// Whether a sweep is under way, or the last one ended an interval ago (or never ran).
    private func sweepIsDue(state: GuancePollerState, now: Date) -> Bool {
        state.sweepCursor != nil || (state.lastSweepAt.map { now.timeIntervalSince($0) >= configuration.sweepInterval } ?? true)
    }

    /// Pre-start issues whose reply check is due, most overdue first (none when the interval is 0).
    private func duePreStartIssues(state: GuancePollerState, now: Date) -> [String] {
        let interval = configuration.preStartInterval
        guard interval > 0 else { return [] }
        return state.preStartIssues
            .map { (uuid: $0.key, due: $0.value.nextReplyCheck(uuid: $0.key, interval: interval)) }
            .filter { $0.due <= now }
            .sorted { Self.earlier(($0.due, $0.uuid), ($1.due, $1.uuid)) }
            .map(\.uuid)
    }

    /// Backlog cost divided by the rate left after the fixed list calls.
    private func timeToClear(backlog: [String], state: GuancePollerState, budget: PollBudget) -> TimeInterval? {
        let cost = backlog.reduce(0) { $0 + max(1, state.issues[$1]?.replyListPages ?? 1) }
        guard cost > 0 else { return 0 }
        let listPerMinute = Double(max(1, state.windowListPages)) * 60 / max(1, configuration.cycleInterval)
            + Double(max(1, state.sweepListPages)) * 60 / max(1, configuration.sweepInterval)
        let cyclesPerMinute = 60 / max(1, configuration.cycleInterval)
        let spare = Double(budget.perMinute) - listPerMinute - Double(configuration.reserve) * cyclesPerMinute
        guard spare > 0 else { return nil }
        return (Double(cost) / spare * 60).rounded(.up)
    }

    private static func earlier(_ lhs: (Date, String), _ rhs: (Date, String)) -> Bool {
        lhs.0 != rhs.0 ? lhs.0 < rhs.0 : lhs.1 < rhs.1
    }
}
