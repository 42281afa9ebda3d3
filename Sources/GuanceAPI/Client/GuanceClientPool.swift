/// Several API keys of one workspace used as one reader (a key pool).
///
/// Guance allows 20 requests a minute per key and 200 per workspace across keys. A pool of keys
/// multiplies what a reader may spend: each call goes to the key with the most budget left now, so
/// the calls spread over the keys and none is throttled, and a key the server throttles pauses only
/// its own limiter — the other keys go on. Every key of a pool is the sync's own identity: replies
/// written with any of them must be skipped as the sync's (their `wsak_` ids belong in
/// `GUANCE_API_KEY_ID`).
public struct GuanceClientPool: Sendable {
    /// The clients, one per key; the first is the primary (its clock reading is the pool's).
    public let clients: [GuanceClient]

    /// Creates a pool of `primary` and `others`.
    public init(primary: GuanceClient, others: [GuanceClient] = []) {
        clients = [primary] + others
    }

    /// The primary key's client.
    public var primary: GuanceClient { clients[0] }

    /// The requests per minute this pool's owner configured, summed over its keys: each client's
    /// own ``GuanceClientConfiguration/rateLimit``, not its limiter's policy — a key's limiter is
    /// shared by every client of the key in the process (all stages in `syncctl run`) and carries
    /// the policy of whichever client made it first.
    public var configuredRequestsPerWindow: Int {
        clients.reduce(0) { $0 + $1.configuration.rateLimit.requestsPerWindow }
    }

    /// The client a call should use now: the key with the most requests left that is not paused;
    /// when none has any, the one whose next request may start soonest. Ties go to the earlier key.
    public func next() -> GuanceClient {
        let statuses = clients.map { $0.rateLimitStatus() }
        let best = statuses.indices.min { lhs, rhs in
            let (left, right) = (statuses[lhs], statuses[rhs])
            let leftRemaining = left.pausedUntil == nil ? left.remaining : 0
            let rightRemaining = right.pausedUntil == nil ? right.remaining : 0
            if leftRemaining != rightRemaining { return leftRemaining > rightRemaining }
            let leftNext = left.pausedUntil.map { max($0, left.nextAvailable) } ?? left.nextAvailable
            let rightNext = right.pausedUntil.map { max($0, right.nextAvailable) } ?? right.nextAvailable
            if leftNext != rightNext { return leftNext < rightNext }
            return lhs < rhs
        }
        return clients[best ?? 0]
    }

    /// The pool's budget: requests left now and requests per window summed over the keys not
    /// paused, the soonest next slot; paused only while every key is.
    public func rateLimitStatus() -> GuanceRateLimitStatus {
        let statuses = clients.map { $0.rateLimitStatus() }
        var total = statuses[0]
        guard statuses.count > 1 else { return total }
        let running = statuses.filter { $0.pausedUntil == nil }
        total.remaining = running.reduce(0) { $0 + $1.remaining }
        total.policy.requestsPerWindow = statuses.reduce(0) { $0 + $1.policy.requestsPerWindow }
        total.nextAvailable = (running.isEmpty ? statuses : running).map(\.nextAvailable).min() ?? total.nextAvailable
        total.pausedUntil = running.isEmpty ? statuses.compactMap(\.pausedUntil).min() : nil
        return total
    }
}
