/// A snapshot of one API key's client-side budget, for planning calls (the poller spreads its
/// reply-list calls over the budget instead of bursting into throttling).
public struct GuanceRateLimitStatus: Sendable, Hashable {
    /// Requests that could start right now without waiting (0 while paused).
    public var remaining: Int
    /// When the next request could start (now, if `remaining > 0`).
    public var nextAvailable: ContinuousClock.Instant
    /// Set while the key is paused after the server throttled it.
    public var pausedUntil: ContinuousClock.Instant?
    /// The policy in force.
    public var policy: GuanceRateLimitPolicy
}
