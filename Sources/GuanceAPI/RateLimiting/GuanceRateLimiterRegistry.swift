import APICore
import Synchronization

/// Process-wide registry of rate limiters, one per API key, so that every ``GuanceClient`` using a
/// key shares one budget.
///
/// Limiters are keyed by the key's SHA-256 ``GuanceAPIKey/fingerprint``, never by the key itself.
/// The first registration of a key fixes its policy and clock; later lookups get the same limiter.
public final class GuanceRateLimiterRegistry: Sendable {
    /// The registry used by default by every client in the process.
    public static let shared = GuanceRateLimiterRegistry()

    private let limiters = Mutex<[String: GuanceRateLimiter]>([:])

    /// Creates an empty registry (tests use their own to stay independent of each other).
    public init() {}

    /// The limiter for `key`, created with `policy` and `clock` if this is the key's first use.
    public func limiter(
        for key: GuanceAPIKey,
        policy: GuanceRateLimitPolicy,
        clock: any APIClock
    ) -> GuanceRateLimiter {
        limiters.withLock { limiters in
            if let existing = limiters[key.fingerprint] { return existing }
            let limiter = GuanceRateLimiter(policy: policy, clock: clock)
            limiters[key.fingerprint] = limiter
            return limiter
        }
    }
}
