import APICore
import Synchronization

/// A sliding-window rate limiter for one API key, shared by every client using that key
/// (obtain it from ``GuanceRateLimiterRegistry``).
///
/// Each ``acquire()`` reserves the earliest slot at which the window still has room and then waits
/// for it, so concurrent callers are served in arrival order and never exceed the policy in any
/// window. ``pause(for:)`` stops all grants after the server throttled the key anyway; callers that
/// were already waiting re-check the pause when they wake.
public final class GuanceRateLimiter: Sendable {
    /// The policy this limiter enforces.
    public let policy: GuanceRateLimitPolicy
    private let clock: any APIClock
    private let state = Mutex(State())

    private struct State {
        /// Start instants of granted or reserved requests, in non-decreasing order.
        var grants: [ContinuousClock.Instant] = []
        var pausedUntil: ContinuousClock.Instant?
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
        while true {
            let slot = reserve()
            do {
                try await clock.sleep(until: slot)
            } catch {
                release(slot)
                throw error
            }
            guard let resume = pausedUntil(after: clock.now()) else { return }
            // A throttle paused the key while we slept: give the slot back and queue again.
            release(slot)
            try await clock.sleep(until: resume)
        }
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
            let remaining = paused == nil ? max(0, policy.requestsPerWindow - inWindow) : 0
            let next = Self.earliestSlot(in: state, now: now, policy: policy)
            return GuanceRateLimitStatus(remaining: remaining, nextAvailable: next, pausedUntil: paused, policy: policy)
        }
    }

    private func reserve() -> ContinuousClock.Instant {
        let now = clock.now()
        return state.withLock { state in
            Self.prune(&state, now: now, window: policy.effectiveWindow)
            let slot = Self.earliestSlot(in: state, now: now, policy: policy)
            state.grants.append(slot)
            return slot
        }
    }

    private func reserve(count: Int) -> ContinuousClock.Instant {
        let now = clock.now()
        return state.withLock { state in
            Self.prune(&state, now: now, window: policy.effectiveWindow)
            // The earliest instant at which the window has room for all `count`: the slot the
            // last of them would get if they queued one by one, given to every one of them.
            var probe = state
            var slot = now
            for _ in 0..<count {
                slot = Self.earliestSlot(in: probe, now: now, policy: policy)
                probe.grants.append(slot)
            }
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

    /// Drops grants that can no longer count against any window starting at or after `now`.
    private static func prune(_ state: inout State, now: ContinuousClock.Instant, window: Duration) {
        let horizon = now - window
        if let firstLive = state.grants.firstIndex(where: { $0 > horizon }) {
            state.grants.removeFirst(firstLive)
        } else {
            state.grants.removeAll()
        }
    }

    private static func earliestSlot(
        in state: State,
        now: ContinuousClock.Instant,
        policy: GuanceRateLimitPolicy
    ) -> ContinuousClock.Instant {
        var slot = now
        if let paused = state.pausedUntil, paused > slot { slot = paused }
        if let last = state.grants.last, last > slot { slot = last }
        let limit = policy.requestsPerWindow
        if state.grants.count >= limit {
            let blocking = state.grants[state.grants.count - limit] + policy.effectiveWindow
            if blocking > slot { slot = blocking }
        }
        return slot
    }
}
