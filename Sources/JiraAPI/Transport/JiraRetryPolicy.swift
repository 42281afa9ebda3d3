import APICore

/// Back-off rules, after Atlassian's published pseudo-code: honour `Retry-After`; otherwise start at
/// 5 s and double up to 30 s, each delay multiplied by a jitter factor in 0.7…1.3; about four retries.
/// Non-idempotent calls (create issue, add comment) are never retried by the client.
public struct JiraRetryPolicy: Sendable {
    /// Retries after the first attempt of an idempotent call.
    public var maximumRetries: Int
    /// Delay before the first retry when the server gave no `Retry-After`.
    public var initialDelay: Duration
    /// Cap of the doubling delay.
    public var maximumDelay: Duration
    /// Jitter multiplier range.
    public var jitter: ClosedRange<Double>
    /// The longest wait the client performs inside one call (a `Retry-After` or quota reset further
    /// away is surfaced as a rate-limit error for the caller to schedule).
    public var maximumInlineWait: Duration
    /// Source of jitter values in `0..<1`; injectable for deterministic tests.
    public var random: @Sendable () -> Double

    /// Creates a policy; defaults follow Atlassian's guidance.
    public init(
        maximumRetries: Int = 4,
        initialDelay: Duration = .seconds(5),
        maximumDelay: Duration = .seconds(30),
        jitter: ClosedRange<Double> = 0.7...1.3,
        maximumInlineWait: Duration = .seconds(120),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.maximumRetries = maximumRetries
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.jitter = jitter
        self.maximumInlineWait = maximumInlineWait
        self.random = random
    }

    /// The delay before retry number `retry` (1-based) when the server did not say how long to wait.
    public func backoffDelay(retry: Int) -> Duration {
        Backoff(initial: initialDelay, maximum: maximumDelay)
            .scaled(afterFailures: retry, by: jitter, unitRandom: random())
    }

    /// The delay before retry number `retry`, preferring the server's `Retry-After`.
    public func delay(retry: Int, serverRetryAfter: Duration?) -> Duration {
        serverRetryAfter ?? backoffDelay(retry: retry)
    }
}
