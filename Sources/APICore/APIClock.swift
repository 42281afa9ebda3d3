/// The time source of an API client: its rate limiter's window, retry back-off and throttle waits.
///
/// Production uses ``SystemAPIClock``; the stages use one whose waits end when the process stops;
/// tests inject clocks they control so that no wait happens in real time.
public protocol APIClock: Sendable {
    /// The current monotonic instant.
    func now() -> ContinuousClock.Instant

    /// Suspends until `deadline` (returns at once if it has passed).
    /// - Throws: `CancellationError` if the task is cancelled while waiting.
    func sleep(until deadline: ContinuousClock.Instant) async throws

    /// Suspends for `duration`. The default waits until `now() + duration`; a test clock may
    /// record the duration exactly instead.
    func sleep(for duration: Duration) async throws
}

extension APIClock {
    /// Waits until `now() + duration`.
    public func sleep(for duration: Duration) async throws {
        try await sleep(until: now() + duration)
    }
}

/// The real monotonic clock (`ContinuousClock`).
public struct SystemAPIClock: APIClock {
    /// Creates the system clock.
    public init() {}

    /// The current instant of `ContinuousClock`.
    public func now() -> ContinuousClock.Instant { ContinuousClock.now }

    /// Sleeps on `ContinuousClock` until `deadline`.
    public func sleep(until deadline: ContinuousClock.Instant) async throws {
        try await ContinuousClock().sleep(until: deadline, tolerance: nil)
    }
}
