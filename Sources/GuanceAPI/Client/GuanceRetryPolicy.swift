import APICore

/// How failed calls are retried: exponential backoff with "equal jitter" (half the step fixed,
/// half random), with a separate, slower schedule after server-side throttling.
///
/// Which calls are retried is decided by the client, not here: idempotent calls (reads, modify,
/// reply modify/delete) on any retriable error; issue add and reply create only when the request
/// provably did not take effect (throttled, connection refused). See ``GuanceClient``.
public struct GuanceRetryPolicy: Sendable, Hashable {
    /// Total attempts per call, including the first (1 disables retries).
    public var maxAttempts: Int
    /// Backoff step after the first failure; doubled per further failure.
    public var baseDelay: Duration
    /// Upper bound of a backoff step.
    public var maxDelay: Duration
    /// Backoff step after the first throttled answer (the key's limiter is paused this long).
    public var throttleBaseDelay: Duration
    /// Upper bound of a throttle backoff step.
    public var throttleMaxDelay: Duration

    /// Creates a policy; `maxAttempts` is clamped to at least 1.
    public init(
        maxAttempts: Int = 4,
        baseDelay: Duration = .milliseconds(500),
        maxDelay: Duration = .seconds(20),
        throttleBaseDelay: Duration = .seconds(5),
        throttleMaxDelay: Duration = .seconds(60)
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.throttleBaseDelay = throttleBaseDelay
        self.throttleMaxDelay = throttleMaxDelay
    }

    /// The default: 4 attempts, 0.5 s doubling to 20 s; after throttling 5 s doubling to 60 s.
    public static let `default` = GuanceRetryPolicy()

    /// No retries at all.
    public static let none = GuanceRetryPolicy(maxAttempts: 1)

    /// The wait before retry number `failures` (1 after the first failure).
    /// - Parameters:
    ///   - failures: how many attempts have failed so far (≥ 1).
    ///   - throttled: whether the last failure was server-side throttling.
    ///   - unitRandom: a random number in `0..<1` (injected so the jitter is testable).
    public func delay(afterFailures failures: Int, throttled: Bool, unitRandom: Double) -> Duration {
        let backoff = throttled
            ? Backoff(initial: throttleBaseDelay, maximum: throttleMaxDelay)
            : Backoff(initial: baseDelay, maximum: maxDelay)
        return backoff.equalJitter(afterFailures: failures, unitRandom: unitRandom)
    }
}
