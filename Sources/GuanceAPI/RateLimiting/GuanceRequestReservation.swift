import Synchronization

/// Requests of one key's budget granted ahead, for the calls a task makes inside
/// ``GuanceClient/withReservedRequests(_:_:)``: each of the task's next requests to that key takes
/// one instead of waiting on the limiter; what is left when the scope ends goes back to the budget.
final class GuanceRequestReservation: Sendable {
    /// The task's current reservation, if any.
    @TaskLocal static var current: GuanceRequestReservation?

    let limiter: GuanceRateLimiter
    private let slot: ContinuousClock.Instant
    private let left: Mutex<Int>

    init(limiter: GuanceRateLimiter, slot: ContinuousClock.Instant, count: Int) {
        self.limiter = limiter
        self.slot = slot
        self.left = Mutex(count)
    }

    /// Takes one reserved request for `limiter`; `false` when none is left (or it is another key's),
    /// and also when the reservation cannot be used any more — the key was paused (throttled) since,
    /// or more than the policy's safety margin passed since the grant (the request would be counted
    /// too early): that grant is handed back and the caller takes budget as usual.
    func take(for limiter: GuanceRateLimiter) -> Bool {
        guard limiter === self.limiter else { return false }
        let taken = left.withLock { left in
            guard left > 0 else { return false }
            left -= 1
            return true
        }
        guard taken else { return false }
        guard limiter.grantIsUsable(slot) else {
            limiter.release(slot, count: 1)
            return false
        }
        return true
    }

    /// Hands the requests not taken back to the key's budget.
    func releaseUnused() {
        let unused = left.withLock { left in
            defer { left = 0 }
            return left
        }
        limiter.release(slot, count: unused)
    }
}
