import Foundation
import Testing

/// guance-poller against the Guance simulator enforcing the same per-key limit as the poller's
/// budget: every issue and human reply becomes exactly one event, and the simulator never throttles.
@Suite("guance-poller: budget")
struct BudgetTests {
    /// 200 issues (human- and monitor-made, Chinese titles, HTML descriptions) with human replies,
    /// `change` entries and the sync's own replies. The limit is scaled from 20 to 120 requests/min
    /// on both sides (simulator `--guance-requests-per-minute`, poller `GUANCE_REQUESTS_PER_MINUTE`)
    /// so the test takes about a minute instead of ten; at 120/min the ~210 requests needed still
    /// do not fit in one window, so the budget binds. The wait allows ~3× the budget-bound time
    /// (about two minutes): a loaded CI machine slows the poller, never the check.
    @Test("200 issues with replies: exactly the expected events, zero throttled")
    func twoHundredIssues() async throws {
        try await PollerDeployment.with(
            requestsPerMinute: 120, pollIntervalSeconds: 5, guanceSettings: Scenario.syncFromBeforeSeeding()
        ) { setup in
            _ = try await Scenario.seed(setup.guance, count: 200)
            let poller = try setup.startPoller()
            let problems = try await setup.waitUntil(timeout: .seconds(360)) { EventExpectation().problems($0) }
            #expect(problems.isEmpty, "\(problems.prefix(10))")
            let world = try await setup.guance.state()
            if !problems.isEmpty {
                print("guance-poller's warnings (\(world.totalRequests) requests):")
                print(poller.lines.filter { $0.contains("warning") || $0.contains("error") }.suffix(40).joined(separator: "\n"))
            }
            let events = try await setup.topic.events()
            #expect(world.throttled == 0, "the simulator throttled \(world.throttled) requests")
            #expect(world.totalRequests > setup.requestsPerMinute, "the budget was binding (\(world.totalRequests) requests)")
            print("MEASURED 200 issues: \(events.count) events, \(world.totalRequests) Guance requests, \(world.throttled) throttled")
            #expect(try await setup.stopPoller(poller) == 0)
        }
    }

    /// A few issues at exactly the documented 20 requests/min on both sides, in real time, until
    /// the poller has sent more than one window's worth of requests.
    @Test("real time at 20 requests/min: zero throttled")
    func documentedLimit() async throws {
        try await PollerDeployment.with(
            requestsPerMinute: 20, pollIntervalSeconds: 1, guanceSettings: Scenario.syncFromBeforeSeeding()
        ) { setup in
            _ = try await Scenario.seed(setup.guance, count: 12)
            let poller = try setup.startPoller()
            let problems = try await setup.waitUntil(timeout: .seconds(150)) { observation in
                let remaining = EventExpectation().problems(observation)
                let requests = observation.world.totalRequests
                return requests > 25 ? remaining : remaining + ["only \(requests) requests so far"]
            }
            #expect(problems.isEmpty, "\(problems.prefix(10))")
            let world = try await setup.guance.state()
            #expect(world.throttled == 0, "the simulator throttled \(world.throttled) requests")
            print("MEASURED 20/min: \(world.totalRequests) Guance requests, \(world.throttled) throttled")
            #expect(try await setup.stopPoller(poller) == 0)
        }
    }
}
