import APICore
import Synchronization

/// A sliding-window rate limiter for one API key, shared by every client using that key
/// (obtain it from ``GuanceRateLimiterRegistry``).
///
/// Each ``acquire()`` reserves the earliest slot at which the window still has room and then waits
/// for it, so concurrent callers are served in arrival order and never exceed the policy in any
/// window. ``pause(for:)`` stops all grants after the server throttled the key anyway; callers that
/// were already waiting re-check the pause when they wake.
///
/// Stages that share one key in separate processes can lend each other what they leave unused
/// (``lend(upTo:keeping:leaseEnds:id:)``, ``borrow(_:until:id:)``; the exchange is `GuanceBudgetExchange`
/// in `StageClients`): a loan lowers the lender's capacity until a window after the loan ends and
/// raises the borrower's until it ends, so the key's total in any window never grows.
public final class GuanceRateLimiter: Sendable {
    /// The policy this limiter enforces.
    public let policy: GuanceRateLimitPolicy
    private let clock: any APIClock
    private let state = Mutex(State())

    private struct State {
        /// Start instants of granted or reserved requests, in non-decreasing order.
        var grants: [ContinuousClock.Instant] = []
        var pausedUntil: ContinuousClock.Instant?
        /// Loans given (negative) and taken (positive), each in force over a span.
        var adjustments: [GuanceCapacityAdjustment] = []
        /// Work the owner holds back for lack of budget (``reportBacklog(_:)``).
        var backlog = 0
    }

    /// Creates a limiter. Prefer ``GuanceRateLimiterRegistry/limiter(for:policy:clock:)`` so that all
    /// clients of one key share a limiter.
    public init(policy: GuanceRateLimitPolicy, clock: any APIClock) {
        self.policy = policy
        self.clock = clock
    }

    /// Waits until one more request fits the policy, and counts it.
    /// - Throws: `CancellationError` if the task is cancelled while waiting (the slot is released).
    public func acquire() async throws {
        _ = try await acquire(count: 1)
    }

    /// Waits until `count` more requests fit the policy together, and counts them, all at one
    /// instant: the requests of a read-modify-write then run back to back instead of the write
    /// waiting for budget after its read (see ``GuanceClient/withReservedRequests(_:_:)``).
    /// `count` is clamped to `1...requestsPerWindow`.
    /// - Returns: the instant of the grants, to hand back unused ones with ``release(_:count:)``.
    /// - Throws: `CancellationError` if the task is cancelled while waiting (the slots are released).
    public func acquire(count: Int) async throws -> ContinuousClock.Instant {
        let count = min(max(count, 1), policy.requestsPerWindow)
        while true {
            let slot = reserve(count: count)
            do {
                try await clock.sleep(until: slot)
            } catch {
                release(slot, count: count)
                throw error
            }
            guard let resume = pausedUntil(after: clock.now()) else { return slot }
            // A throttle paused the key while we slept: give the slots back and queue again.
            release(slot, count: count)
            try await clock.sleep(until: resume)
        }
    }

    /// Whether a grant made at `slot` may still be used for a request starting now: the key is not
    /// paused, and no more than the policy's safety margin has passed since `slot` (the margin is
    /// what lets a request start a little after the instant it is counted at).
    public func grantIsUsable(_ slot: ContinuousClock.Instant) -> Bool {
        let now = clock.now()
        return pausedUntil(after: now) == nil && now - slot <= policy.safetyMargin
    }

    /// Hands back `count` grants made at `slot` by ``acquire(count:)`` and not used.
    public func release(_ slot: ContinuousClock.Instant, count: Int) {
        for _ in 0..<max(count, 0) { release(slot) }
    }

    /// Stops granting requests for `duration` from now (or longer if already paused longer).
    public func pause(for duration: Duration) {
        let until = clock.now() + duration
        state.withLock { state in
            if let current = state.pausedUntil, current >= until { return }
            state.pausedUntil = until
        }
    }

    /// The current budget: how many requests may start now and when the next one may start.
    public func status() -> GuanceRateLimitStatus {
        let now = clock.now()
        return state.withLock { state in
            Self.prune(&state, now: now, window: policy.effectiveWindow)
            let paused = state.pausedUntil.flatMap { $0 > now ? $0 : nil }
            let inWindow = state.grants.count
            let capacity = Self.capacity(of: state, at: now, policy: policy)
            let remaining = paused == nil ? max(0, capacity - inWindow) : 0
            let next = Self.earliestSlot(in: state, now: now, policy: policy)
            return GuanceRateLimitStatus(remaining: remaining, nextAvailable: next, pausedUntil: paused, policy: policy)
        }
    }

    /// Lends up to `count` requests of this key's budget, keeping `reserve` for the owner, until
    /// `leaseEnds`, as loan `id`: only what is idle now (no request waiting, no backlog reported, the
    /// window not filled beyond what stays) is lent. The owner's capacity stays lowered by the amount
    /// lent until a whole window after `leaseEnds`, so that the borrower's requests up to
    /// `leaseEnds` and the owner's never meet in one window above the policy.
    /// - Returns: the requests lent (0 when nothing is idle).
    public func lend(upTo count: Int, keeping reserve: Int, leaseEnds: ContinuousClock.Instant, id: String) -> Int {
        let now = clock.now()
        return state.withLock { state in
            Self.prune(&state, now: now, window: policy.effectiveWindow)
            guard !Self.ownerWants(state, now: now), state.pausedUntil.map({ $0 <= now }) ?? true else { return 0 }
            let idle = policy.requestsPerWindow - Self.lent(state, at: now) - state.grants.count - max(0, reserve)
            let granted = min(max(0, count), max(0, idle))
            guard granted > 0, leaseEnds > now else { return 0 }
            state.adjustments.append(GuanceCapacityAdjustment(
                loan: id, requests: -granted, from: now, until: leaseEnds + policy.effectiveWindow))
            return granted
        }
    }

    /// Lets loan `id` run on until `leaseEnds` (the same requests to the same borrower): the
    /// owner's capacity stays lowered until a window after the new end. A loan runs on only while
    /// its span is in force and nothing of the owner's own waits (the owner then gets its budget
    /// back a window after the loan's current end).
    /// - Returns: whether the loan runs on.
    public func extendLoan(_ id: String, leaseEnds: ContinuousClock.Instant) -> Bool {
        let now = clock.now()
        return state.withLock { state in
            Self.prune(&state, now: now, window: policy.effectiveWindow)
            guard !Self.ownerWants(state, now: now),
                  let index = state.adjustments.firstIndex(where: { $0.loan == id && $0.requests < 0 }) else { return false }
            state.adjustments[index].until = max(state.adjustments[index].until, leaseEnds + policy.effectiveWindow)
            return true
        }
    }

    /// Lowers the capacity by `count` until a window after `leaseEnds`, unconditionally: loan `id`,
    /// which this key's owner made before a restart and which may still be in use.
    public func restoreLoan(_ count: Int, leaseEnds: ContinuousClock.Instant, id: String) {
        let now = clock.now()
        let until = leaseEnds + policy.effectiveWindow
        guard count > 0, until > now else { return }
        state.withLock { state in
            Self.upsert(&state, GuanceCapacityAdjustment(loan: id, requests: -count, from: now, until: until))
        }
    }

    /// Raises the capacity by `count` from now until `until`: loan `id`, requests another user of
    /// the key lent (and does not use meanwhile); a later call for the same loan moves its end.
    /// After `until` the limiter admits only what the policy's own capacity leaves in the window.
    public func borrow(_ count: Int, until: ContinuousClock.Instant, id: String) {
        let now = clock.now()
        guard count > 0, until > now else { return }
        state.withLock { state in
            Self.prune(&state, now: now, window: policy.effectiveWindow)
            Self.upsert(&state, GuanceCapacityAdjustment(loan: id, requests: count, from: now, until: until))
        }
    }

    /// The instants of the requests granted in the current window (up to now): what a restarted
    /// process must know of its predecessor's use of the key (``restoreGrants(_:)``).
    public func recentGrants() -> [ContinuousClock.Instant] {
        let now = clock.now()
        return state.withLock { state in
            Self.prune(&state, now: now, window: policy.effectiveWindow)
            return state.grants.filter { $0 <= now }
        }
    }

    /// Counts requests a previous process sent with this key at `instants` (those still in the
    /// window), so a restarted process does not spend its whole share again at once and get throttled.
    public func restoreGrants(_ instants: [ContinuousClock.Instant]) {
        let now = clock.now()
        state.withLock { state in
            state.grants = (state.grants + instants.filter { $0 <= now && now - $0 < policy.effectiveWindow }).sorted()
            Self.prune(&state, now: now, window: policy.effectiveWindow)
        }
    }

    /// Reports work the owner holds back because the budget has no room for it (guance-poller's
    /// reply checks and sweep pages, jira-writer's back-links): with requests waiting in
    /// ``acquire(count:)``, it is the demand ``lendingState()`` reports, and a limiter with any never lends.
    public func reportBacklog(_ requests: Int) {
        state.withLock { $0.backlog = max(0, requests) }
    }

    /// What this key's owner could lend and still wants, for the budget exchange.
    public func lendingState() -> GuanceLendingState {
        let now = clock.now()
        return state.withLock { state in
            Self.prune(&state, now: now, window: policy.effectiveWindow)
            let wanted = Self.waiting(state, now: now) + state.backlog
            let lent = Self.lent(state, at: now)
            let borrowed = state.adjustments.filter { $0.requests > 0 && $0.from <= now }.reduce(0) { $0 + $1.requests }
            let idle = wanted == 0 ? max(0, policy.requestsPerWindow - lent - state.grants.count) : 0
            return GuanceLendingState(idle: idle, wanted: wanted, lent: lent, borrowed: borrowed)
        }
    }

    private func reserve(count: Int) -> ContinuousClock.Instant {
        let now = clock.now()
        return state.withLock { state in
            Self.prune(&state, now: now, window: policy.effectiveWindow)
            // The earliest instant at which the window has room for all `count` at once.
            let slot = Self.earliestSlot(in: state, now: now, policy: policy, count: count)
            state.grants.append(contentsOf: repeatElement(slot, count: count))
            return slot
        }
    }

    private func release(_ slot: ContinuousClock.Instant) {
        state.withLock { state in
            if let index = state.grants.lastIndex(of: slot) { state.grants.remove(at: index) }
        }
    }

    private func pausedUntil(after now: ContinuousClock.Instant) -> ContinuousClock.Instant? {
        state.withLock { state in
            guard let until = state.pausedUntil, until > now else { return nil }
            return until
        }
    }

    /// Drops grants that can no longer count against any window starting at or after `now`, and
    /// loans that have ended.
    private static func prune(_ state: inout State, now: ContinuousClock.Instant, window: Duration) {
        state.adjustments.removeAll { $0.until <= now }
        let horizon = now - window
        if let firstLive = state.grants.firstIndex(where: { $0 > horizon }) {
            state.grants.removeFirst(firstLive)
        } else {
            state.grants.removeAll()
        }
    }

    /// The earliest instant from `now` at which `count` more requests fit the window together: not
    /// paused, not before the last grant, and at most the capacity then (loans change it) minus
    /// `count` grants within the window ending there.
    private static func earliestSlot(
        in state: State,
        now: ContinuousClock.Instant,
        policy: GuanceRateLimitPolicy,
        count: Int = 1
    ) -> ContinuousClock.Instant {
        var start = now
        if let paused = state.pausedUntil, paused > start { start = paused }
        if let last = state.grants.last, last > start { start = last }
        // The capacity is constant between the instants loans begin or end: find the first span
        // with room. Grants are never after `start`, so the count in the window ending at an
        // instant only falls as the instant moves on.
        let changes = state.adjustments.flatMap { [$0.from, $0.until] }.filter { $0 > start }.sorted()
        var spanStart = start
        for spanEnd in changes + [nil] {
            let room = Self.capacity(of: state, at: spanStart, policy: policy) - count
            if room >= 0 {
                var slot = spanStart
                if state.grants.count > room {
                    let blocking = state.grants[state.grants.count - room - 1] + policy.effectiveWindow
                    if blocking > slot { slot = blocking }
                }
                if spanEnd == nil || slot < spanEnd! { return slot }
            }
            if let spanEnd { spanStart = spanEnd }
        }
        return spanStart
    }

    /// Requests granted for later than `now`: callers waiting in ``acquire(count:)``.
    private static func waiting(_ state: State, now: ContinuousClock.Instant) -> Int {
        state.grants.reversed().prefix { $0 > now }.count
    }

    /// Whether the owner wants budget itself (requests waiting, or a backlog reported): it then
    /// neither lends nor runs a loan on.
    private static func ownerWants(_ state: State, now: ContinuousClock.Instant) -> Bool {
        state.backlog > 0 || waiting(state, now: now) > 0
    }

    /// Requests lent out whose span covers `instant`.
    private static func lent(_ state: State, at instant: ContinuousClock.Instant) -> Int {
        state.adjustments.filter { $0.requests < 0 && $0.from <= instant && instant < $0.until }.reduce(0) { $0 - $1.requests }
    }

    /// Adds `adjustment`, or for a loan already there keeps its start and moves its end.
    private static func upsert(_ state: inout State, _ adjustment: GuanceCapacityAdjustment) {
        if let index = state.adjustments.firstIndex(where: { $0.loan == adjustment.loan && ($0.requests < 0) == (adjustment.requests < 0) }) {
            state.adjustments[index].until = max(state.adjustments[index].until, adjustment.until)
        } else {
            state.adjustments.append(adjustment)
        }
    }

    /// How many requests may be in one window at `instant`: the policy's, less what is lent, plus
    /// what is borrowed then.
    private static func capacity(of state: State, at instant: ContinuousClock.Instant, policy: GuanceRateLimitPolicy) -> Int {
        var capacity = policy.requestsPerWindow
        for adjustment in state.adjustments where adjustment.from <= instant && instant < adjustment.until {
            capacity += adjustment.requests
        }
        return max(0, capacity)
    }
}
