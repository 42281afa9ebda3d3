/// The time source used by the rate limiter and by retry backoff.
///
/// Production code uses ``GuanceSystemClock``; tests inject a clock they control so that waits
/// for the rate-limit window or for backoff never happen in real time.
public protocol GuanceClock: Sendable {
    /// The current monotonic instant.
    func now() -> ContinuousClock.Instant

    /// Suspends until `deadline` (returns at once if it has passed).
    /// - Throws: `CancellationError` if the task is cancelled while waiting.
    func sleep(until deadline: ContinuousClock.Instant) async throws
}

/// The real monotonic clock (`ContinuousClock`).
public struct GuanceSystemClock: GuanceClock {
    /// Creates the system clock.
    public init() {}

    /// The current instant of `ContinuousClock`.
    public func now() -> ContinuousClock.Instant { ContinuousClock.now }

    /// Sleeps on `ContinuousClock` until `deadline`.
    public func sleep(until deadline: ContinuousClock.Instant) async throws {
        try await ContinuousClock().sleep(until: deadline, tolerance: nil)
    }
}
