import GuanceAPI
import Testing

/// A key pool picks the key with the most budget left, adds the keys' budgets up, and a throttled
/// (paused) key leaves the others running.
@Suite("GuanceClientPool")
struct ClientPoolTests {
    private func client(_ name: String, perMinute: Int, clock: ManualClock) -> GuanceClient {
        ClientFactory.make(
            baseURL: "http://127.0.0.1:9", clock: clock, key: GuanceAPIKey("KEY-\(name)-0123456789abcdefghijklmn"),
            rateLimit: GuanceRateLimitPolicy(requestsPerWindow: perMinute))
    }

    @Test("each call goes to the key with the most left; the pool's budget is the sum")
    func spreadsAndSums() async throws {
        let clock = ManualClock()
        let first = client("a", perMinute: 2, clock: clock)
        let second = client("b", perMinute: 3, clock: clock)
        let pool = GuanceClientPool(primary: first, others: [second])
        #expect(pool.rateLimitStatus().remaining == 5)
        #expect(pool.rateLimitStatus().policy.requestsPerWindow == 5)
        #expect(pool.next().configuration.apiKey == second.configuration.apiKey, "3 left beats 2")
        try await second.rateLimiter.acquire()
        #expect(pool.next().configuration.apiKey == first.configuration.apiKey, "a tie goes to the primary")
        try await second.rateLimiter.acquire()
        #expect(pool.next().configuration.apiKey == first.configuration.apiKey, "2 left beats 1")
        #expect(pool.rateLimitStatus().remaining == 3)
    }

    @Test("the configured budget is each client's own, even when a key's limiter was made by another client with another share")
    func configuredBudget() {
        let clock = ManualClock()
        let registry = GuanceRateLimiterRegistry()
        let key = GuanceAPIKey("KEY-shared-0123456789abcdefghijklmn")
        // Another stage of the process (syncctl run) made the key's limiter first, with its 3/min share.
        let writer = ClientFactory.make(
            baseURL: "http://127.0.0.1:9", clock: clock, key: key, rateLimit: GuanceRateLimitPolicy(requestsPerWindow: 3),
            registry: registry)
        let poller = ClientFactory.make(
            baseURL: "http://127.0.0.1:9", clock: clock, key: key, rateLimit: GuanceRateLimitPolicy(requestsPerWindow: 14),
            registry: registry)
        let extra = client("b", perMinute: 20, clock: clock)
        let pool = GuanceClientPool(primary: poller, others: [extra])
        #expect(writer.rateLimiter === poller.rateLimiter)
        #expect(pool.rateLimitStatus().policy.requestsPerWindow == 23, "the limiters' policies: the writer's 3 + 20")
        #expect(pool.configuredRequestsPerWindow == 34, "the poller's own 14 + 20")
    }

    @Test("a paused key leaves the others running; the pool is paused only when every key is")
    func pausedKey() {
        let clock = ManualClock()
        let first = client("c", perMinute: 20, clock: clock)
        let second = client("d", perMinute: 20, clock: clock)
        let pool = GuanceClientPool(primary: first, others: [second])
        first.rateLimiter.pause(for: .seconds(30))
        #expect(pool.next().configuration.apiKey == second.configuration.apiKey)
        #expect(pool.rateLimitStatus().remaining == 20)
        #expect(pool.rateLimitStatus().pausedUntil == nil)
        second.rateLimiter.pause(for: .seconds(10))
        let status = pool.rateLimitStatus()
        #expect(status.remaining == 0)
        #expect(status.pausedUntil != nil)
        #expect(pool.next().configuration.apiKey == second.configuration.apiKey, "the key free soonest")
    }
}
