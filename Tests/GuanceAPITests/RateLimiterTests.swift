import Testing

@testable import GuanceAPI

@Suite("Client-side rate limiter")
struct RateLimiterTests {
    private let policy = GuanceRateLimitPolicy(requestsPerWindow: 5, window: .seconds(60), safetyMargin: .seconds(1))

    /// Waits (polling) until `condition` holds; fails the test after a generous real-time deadline.
    private func eventually(_ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(20)
        while !condition() {
            guard ContinuousClock.now < deadline else {
                Issue.record("condition not reached")
                return
            }
            try await Task.sleep(for: .milliseconds(2))
        }
    }

    @Test("never grants more than N in any window, under concurrent demand")
    func neverExceedsWindow() async throws {
        let clock = ManualClock()
        let limiter = GuanceRateLimiter(policy: policy, clock: clock)
        let grants = LockedBox<[ContinuousClock.Instant]>([])
        let callers = 17
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<callers {
                group.addTask {
                    try await limiter.acquire()
                    let now = clock.now()
                    grants.withLock { $0.append(now) }
                }
            }
            // Advance time whenever everyone still waiting is asleep on the clock.
            while grants.withLock({ $0.count }) < callers {
                try await eventually { grants.withLock { $0.count } + clock.sleeperCount == callers }
                if grants.withLock({ $0.count }) == callers { break }
                let next = try #require(clock.earliestDeadline)
                clock.advance(by: clock.now().duration(to: next))
            }
            try await group.waitForAll()
        }
        let times = grants.withLock { $0 }.sorted()
        #expect(times.count == callers)
        for (index, start) in times.enumerated() {
            let inWindow = times[index...].prefix { $0 < start + policy.effectiveWindow }.count
            #expect(inWindow <= policy.requestsPerWindow)
        }
        // With 17 callers and 5 per window, the last grant happens in the fourth window.
        #expect(times.first!.duration(to: times.last!) >= policy.effectiveWindow * 3)
    }

    @Test("the registry shares one limiter per key across clients and keys it by fingerprint")
    func registrySharing() {
        let registry = GuanceRateLimiterRegistry()
        let clock = ManualClock()
        let keyA = GuanceAPIKey("key-a")
        let first = registry.limiter(for: keyA, policy: policy, clock: clock)
        let second = registry.limiter(for: GuanceAPIKey("key-a"), policy: .documentedPerKey, clock: clock)
        let other = registry.limiter(for: GuanceAPIKey("key-b"), policy: policy, clock: clock)
        #expect(first === second)
        #expect(first !== other)
        #expect(second.policy == policy)
    }

    @Test("two clients of one key spend one budget")
    func sharedAcrossClients() async throws {
        let registry = GuanceRateLimiterRegistry()
        let clock = ManualClock()
        let key = GuanceAPIKey("shared-key")
        let limiterA = registry.limiter(for: key, policy: policy, clock: clock)
        let limiterB = registry.limiter(for: key, policy: policy, clock: clock)
        for _ in 0..<3 { try await limiterA.acquire() }
        for _ in 0..<2 { try await limiterB.acquire() }
        #expect(limiterA.status().remaining == 0)
        let waiter = Task { try await limiterB.acquire() }
        try await eventually { clock.sleeperCount == 1 }
        #expect(limiterA.status().nextAvailable == clock.now() + policy.effectiveWindow)
        clock.advance(by: policy.effectiveWindow)
        try await waiter.value
    }

    @Test("acquiring several at once grants them at one instant, the first at which all fit; unused ones go back")
    func acquireSeveral() async throws {
        let clock = ManualClock()
        let limiter = GuanceRateLimiter(policy: policy, clock: clock)
        let start = clock.now()
        for _ in 0..<4 { try await limiter.acquire() }
        clock.advance(by: .seconds(10))
        // One left: two fit only once the first grants leave the window.
        let waiter = Task { try await limiter.acquire(count: 2) }
        try await eventually { clock.sleeperCount == 1 }
        #expect(clock.earliestDeadline == start + policy.effectiveWindow)
        clock.advance(by: clock.now().duration(to: start + policy.effectiveWindow))
        let slot = try await waiter.value
        #expect(slot == start + policy.effectiveWindow)
        #expect(limiter.status().remaining == 3)
        limiter.release(slot, count: 1)
        #expect(limiter.status().remaining == 4)
        // More than the window holds is clamped to the window.
        clock.advance(by: policy.effectiveWindow)
        let whole = try await limiter.acquire(count: 99)
        #expect(whole == clock.now())
        #expect(limiter.status().remaining == 0)
    }

    @Test("status reports remaining budget and the next free slot")
    func status() async throws {
        let clock = ManualClock()
        let limiter = GuanceRateLimiter(policy: policy, clock: clock)
        let start = clock.now()
        #expect(limiter.status().remaining == 5)
        #expect(limiter.status().nextAvailable == start)
        for _ in 0..<2 { try await limiter.acquire() }
        clock.advance(by: .seconds(30))
        for _ in 0..<3 { try await limiter.acquire() }
        let full = limiter.status()
        #expect(full.remaining == 0)
        #expect(full.nextAvailable == start + policy.effectiveWindow)
        clock.advance(by: .seconds(31))
        #expect(limiter.status().remaining == 2)
    }

    @Test("pausing stops grants, including for callers already waiting")
    func pause() async throws {
        let clock = ManualClock()
        let limiter = GuanceRateLimiter(policy: policy, clock: clock)
        limiter.pause(for: .seconds(10))
        #expect(limiter.status().remaining == 0)
        #expect(limiter.status().pausedUntil == clock.now() + .seconds(10))
        let acquired = LockedBox(false)
        let waiter = Task {
            try await limiter.acquire()
            acquired.withLock { $0 = true }
        }
        try await eventually { clock.sleeperCount == 1 }
        clock.advance(by: .seconds(5))
        limiter.pause(for: .seconds(20))  // extended while waiting
        try await eventually { clock.sleeperCount == 1 }
        clock.advance(by: .seconds(6))
        try await eventually { clock.sleeperCount == 1 }
        #expect(acquired.withLock { $0 } == false)
        clock.advance(by: .seconds(20))
        try await waiter.value
        #expect(acquired.withLock { $0 })
    }

    @Test("a cancelled waiter gives its slot back")
    func cancellation() async throws {
        let clock = ManualClock()
        let policy1 = GuanceRateLimitPolicy(requestsPerWindow: 1)
        let limiter = GuanceRateLimiter(policy: policy1, clock: clock)
        let start = clock.now()
        try await limiter.acquire()
        let waiting = Task { try await limiter.acquire() }
        try await eventually { clock.sleeperCount == 1 }
        // While the waiter holds the next slot, a third caller would have to wait two windows.
        #expect(limiter.status().nextAvailable == start + policy1.effectiveWindow * 2)
        waiting.cancel()
        let result = await waiting.result
        #expect(throws: CancellationError.self) { try result.get() }
        #expect(limiter.status().nextAvailable == start + policy1.effectiveWindow)
    }
}
