import Foundation
import GuanceSimulator
import Testing

/// guance-poller reading with a pool of keys (issue 12): a workspace allows 200 requests/min across
/// keys, a key only 20. The reads spread over every key of the pool, none is throttled, and every
/// issue and reply still becomes exactly one event.
@Suite("guance-poller: key pool")
struct KeyPoolTests {
    @Test("three keys at the documented 20/min each: reads spread over all three, zero throttled, exactly the expected events")
    func threeKeys() async throws {
        let pool = [GuanceSimulatedAPIKey.pool(1), GuanceSimulatedAPIKey.pool(2)]
        try await PollerDeployment.with(
            requestsPerMinute: 20, pollIntervalSeconds: 1, guanceSettings: Scenario.syncFromBeforeSeeding(),
            simulatorArguments: ["--guance-pool-keys", "2"]
        ) { setup in
            _ = try await Scenario.seed(setup.guance, count: 30)
            // Secrets through the environment, never the command line (separated by white space).
            let poller = try setup.startPoller(extraEnvironment: [
                "GUANCE_POOL_API_KEYS": pool.map(\.secret).joined(separator: "\n"),
            ])
            let problems = try await setup.waitUntil(timeout: .seconds(300)) { EventExpectation().problems($0) }
            #expect(problems.isEmpty, "\(problems.prefix(10))")
            let world = try await setup.guance.state()
            #expect(world.throttled == 0, "the simulator throttled \(world.throttled) requests")
            let keys = [GuanceSimulatedAPIKey.jiraSystem.id] + pool.map(\.id)
            let counts = keys.map { world.requestsByKey[$0] ?? 0 }
            let total = counts.reduce(0, +)
            print("MEASURED key pool: \(world.totalRequests) Guance requests, by key \(counts), \(world.throttled) throttled")
            #expect(total > 20, "more than one key's minute was needed (\(total) requests)")
            for (key, count) in zip(keys, counts) {
                #expect(count * 5 >= total, "key \(key) made \(count) of \(total) requests: the reads did not spread")
            }
            #expect(try await setup.stopPoller(poller) == 0)
        }
    }
}
