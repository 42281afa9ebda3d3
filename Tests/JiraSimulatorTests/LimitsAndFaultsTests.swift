import AsyncHTTPClient
import Foundation
import JiraSimulator
import Testing

@Suite("Rate limits (429) and injected faults")
struct LimitsAndFaultsTests {
    @Test("the 21st write to one issue within 2 s is refused with jira-per-issue-on-write")
    func perIssueWrites() async throws {
        try await SimulatorHarness.with(.test(.cloud)) { sim in
            let key = try await sim.createIssue(summary: "hot")
            let other = try await sim.createIssue(summary: "cold")
            sim.simulator.setClock(to: Date(timeIntervalSince1970: 1_750_000_000), frozen: true)
            for index in 0..<20 {
                let written = try await sim.send(.PUT, "/rest/api/3/issue/\(key)/properties/p\(index)", body: ["i": .int(index)])
                #expect(written.status == 201)
            }
            let refused = try await sim.send(.POST, "/rest/api/3/issue/\(key)/comment", body: ["body": sim.body("one too many")])
            #expect(refused.status == 429)
            #expect(refused.headers["ratelimit-reason"] == "jira-per-issue-on-write")
            #expect(Int(refused.headers["retry-after"] ?? "") ?? 0 >= 1)
            #expect(refused.json?["errorMessages"]?.arrayValue?.isEmpty == false)
            #expect(try await sim.send(.GET, "/rest/api/3/issue/\(key)").status == 200)
            #expect(try await sim.send(.PUT, "/rest/api/3/issue/\(other)/properties/p", body: ["i": 1]).status == 201)
            sim.simulator.advanceClock(by: .seconds(3))
            #expect(try await sim.send(.POST, "/rest/api/3/issue/\(key)/comment", body: ["body": sim.body("later")]).status == 201)
        }
    }

    @Test("burst bucket and quota answer 429 with their reasons")
    func burstAndQuota() async throws {
        var options = JiraSimulatorOptions.test(.dataCenter)
        options.limits.burst = .init(capacity: 3, refillPerSecond: 0.001)
        try await SimulatorHarness.with(options) { sim in
            for expectedRemaining in [2, 1, 0] {
                let admitted = try await sim.send(.GET, "/rest/api/2/myself")
                #expect(admitted.status == 200)
                #expect(admitted.headers["x-ratelimit-remaining"] == String(expectedRemaining))
                #expect(admitted.headers["x-ratelimit-limit"] == "3")
            }
            let refused = try await sim.send(.GET, "/rest/api/2/myself")
            #expect(refused.status == 429)
            #expect(refused.headers["ratelimit-reason"] == "jira-burst-based")
            #expect(try await sim.send(.GET, "/rest/api/2/serverInfo").status == 200)
        }
        options.limits.burst = nil
        options.limits.quota = .init(count: 2, window: .seconds(3600))
        try await SimulatorHarness.with(options) { sim in
            #expect(try await sim.send(.GET, "/rest/api/2/myself").status == 200)
            #expect(try await sim.send(.GET, "/rest/api/2/serverInfo").status == 200)
            let refused = try await sim.send(.GET, "/rest/api/2/priority")
            #expect(refused.status == 429)
            #expect(refused.headers["ratelimit-reason"] == "jira-quota-tenant-based")
        }
    }

    @Test("faults: 5xx, 429 with reason, malformed JSON, dropped connection, each for the matching request only")
    func faults() async throws {
        try await SimulatorHarness.with(.test(.cloud)) { sim in
            sim.simulator.injectFault(JiraSimulatorFault(.status(503), method: "GET", pathContains: "/myself", count: 2))
            #expect(try await sim.send(.GET, "/rest/api/3/serverInfo").status == 200)
            #expect(try await sim.send(.GET, "/rest/api/3/myself").status == 503)
            #expect(try await sim.send(.GET, "/rest/api/3/myself").status == 503)
            #expect(try await sim.send(.GET, "/rest/api/3/myself").status == 200)

            sim.simulator.injectFault(JiraSimulatorFault(.rateLimited(reason: "jira-quota-global-based", retryAfterSeconds: 7)))
            let throttled = try await sim.send(.GET, "/rest/api/3/myself")
            #expect(throttled.status == 429)
            #expect(throttled.headers["retry-after"] == "7")
            #expect(throttled.headers["ratelimit-reason"] == "jira-quota-global-based")

            sim.simulator.injectFault(JiraSimulatorFault(.malformedJSON))
            let malformed = try await sim.send(.GET, "/rest/api/3/myself")
            #expect(malformed.status == 200)
            #expect(malformed.json == nil)

            sim.simulator.injectFault(JiraSimulatorFault(.dropConnection))
            await #expect(throws: (any Error).self) {
                _ = try await sim.send(.GET, "/rest/api/3/myself")
            }
            sim.simulator.injectFault(JiraSimulatorFault(.latency(.milliseconds(50))))
            #expect(try await sim.send(.GET, "/rest/api/3/myself").status == 200)
            #expect(sim.simulator.requestCount(containing: "GET /rest/api/3/myself 503") == 2)
        }
    }
}
