import Foundation
import JiraAPI
import JiraSimulator
import Testing

/// Faults, throttling and the JQL time-zone rule against the Jira simulator.
@Suite("Faults, throttling and time zones against the Jira simulator")
struct JiraSimulatorFaultTests {
    @Test("5xx, malformed JSON and a dropped connection on reads are retried until they succeed", arguments: JiraFlavor.allCases)
    func readFaults(flavor: JiraFlavor) async throws {
        let sleeper = RecordingSleeper()
        try await SimulatorHarness.withSimulator(flavor, sleeper: sleeper) { simulator, client in
            let key = try simulator.createIssue(as: "alice", project: "OPS", summary: "faulty reads")
            _ = try await client.flavor()
            simulator.injectFault(JiraSimulatorFault(.status(502), method: "GET", pathContains: "/issue/\(key)"))
            simulator.injectFault(JiraSimulatorFault(.malformedJSON, method: "GET", pathContains: "/issue/\(key)"))
            simulator.injectFault(JiraSimulatorFault(.dropConnection, method: "GET", pathContains: "/issue/\(key)"))
            let issue = try await client.issue(key)
            #expect(issue.key == key)
            #expect(sleeper.recorded.count == 3)
        }
    }

    @Test("Create under 503 or a dropped connection is ambiguous and not retried; the label search dedupes", arguments: JiraFlavor.allCases)
    func ambiguousCreate(flavor: JiraFlavor) async throws {
        try await SimulatorHarness.withSimulator(flavor) { simulator, client in
            _ = try await client.flavor()
            let draft = JiraIssueDraft(project: "OPS", issueTypeId: "10004", summary: "maybe created", labels: ["guance-issue-amb"])
            simulator.injectFault(JiraSimulatorFault(.status(503), method: "POST", pathContains: "/issue"))
            let first = try await #require(throws: JiraAPIError.self) { try await client.createIssue(draft) }
            #expect(first.isOutcomeUnknown)
            simulator.injectFault(JiraSimulatorFault(.dropConnection, method: "POST", pathContains: "/issue"))
            let second = try await #require(throws: JiraAPIError.self) { try await client.createIssue(draft) }
            #expect(second.isOutcomeUnknown)
            #expect(simulator.requestCount(containing: "POST") == 2)
            // The caller's dedupe: search the unique label before creating again (at most one exists).
            let existing = try await client.search(JiraSearchQuery(jql: #"labels = "guance-issue-amb""#)).collect()
            #expect(existing.count <= 1)
        }
    }

    @Test("Burst 429 with Retry-After on a read is waited out and retried", arguments: JiraFlavor.allCases)
    func burstThrottle(flavor: JiraFlavor) async throws {
        let sleeper = RecordingSleeper()
        try await SimulatorHarness.withSimulator(flavor, sleeper: sleeper) { simulator, client in
            _ = try await client.flavor()
            simulator.injectFault(JiraSimulatorFault(.rateLimited(reason: "jira-burst-based", retryAfterSeconds: 3), method: "GET", pathContains: "myself", count: 2))
            let me = try await client.myself()
            #expect(me.displayName != nil)
            let waits = sleeper.recorded.map(JiraTestSupport.seconds)
            #expect(waits.count == 2)
            #expect(waits.allSatisfy { $0 > 2 && $0 <= 3 })
        }
    }

    @Test("Per-issue write limit: property writes to one issue are delayed and succeed", arguments: JiraFlavor.allCases)
    func perIssueWrites(flavor: JiraFlavor) async throws {
        let configure: (inout JiraSimulatorOptions) -> Void = { options in
            options.limits = JiraSimulatorLimits(perIssueWrites: [.init(count: 3, window: .seconds(10))])
        }
        try await SimulatorHarness.withSimulator(flavor, configure: configure) { simulator, client in
            let key = try simulator.createIssue(as: "alice", project: "OPS", summary: "hot issue")
            for round in 0..<8 {
                try await client.setIssueProperty(issue: key, key: "guance.sync", value: .object(["round": .int(Int64(round))]))
            }
            #expect(try await client.issueProperty(issue: key, key: "guance.sync")?["round"] == .int(7))
            #expect(simulator.requestCount(containing: " 429") > 0)
        }
    }

    @Test("Cloud never calls the removed /search endpoint")
    func oldSearchNeverUsed() async throws {
        try await SimulatorHarness.withSimulator(.cloud) { simulator, client in
            _ = try simulator.createIssue(as: "alice", project: "OPS", summary: "one", labels: ["x"])
            _ = try await client.search(JiraSearchQuery(jql: "project = OPS")).collect()
            #expect(simulator.requestCount(containing: " 410") == 0)
            #expect(simulator.requestCount(containing: "search/jql") >= 1)
        }
    }

    /// The cursor rule end to end: an issue updated at T is found by `updated >= literal(T − 1 min)`
    /// and not by `updated >= literal(T + 1 min)`, whatever the searching user's zone; the naive UTC
    /// literal would be off by the zone offset.
    @Test("JQL literals in the user's zone neither skip nor refetch", arguments: [JiraFlavor.cloud, .dataCenter], ["Asia/Shanghai", "America/New_York"])
    func timeZoneLiterals(flavor: JiraFlavor, zoneIdentifier: String) async throws {
        let configure: (inout JiraSimulatorOptions) -> Void = { $0.users[0].timeZone = zoneIdentifier }
        try await SimulatorHarness.withSimulator(flavor, configure: configure) { simulator, client in
            let me = try await client.myself()
            let zone = try #require(me.profileTimeZone)
            #expect(zone.identifier == zoneIdentifier)
            let key = try simulator.createIssue(as: "alice", project: "OPS", summary: "cursor", labels: ["tz"])
            let updated = try #require(try await client.issue(key).fields.updated)
            func keys(since cursor: Date) async throws -> [String] {
                let jql = "labels = tz AND updated >= \(JQLDateLiteral.quoted(cursor, userTimeZone: zone))"
                return try await client.search(JiraSearchQuery(jql: jql)).collect().map(\.key)
            }
            #expect(try await keys(since: updated.addingTimeInterval(-60)) == [key])
            #expect(try await keys(since: updated.addingTimeInterval(120)) == [])
            let epoch = "labels = tz AND updated >= \(JQLDateLiteral.epochMilliseconds(updated.addingTimeInterval(-1)))"
            #expect(try await client.search(JiraSearchQuery(jql: epoch)).collect().map(\.key) == [key])
            let utc = try #require(TimeZone(identifier: "UTC"))
            let naive = "labels = tz AND updated >= \(JQLDateLiteral.quoted(updated.addingTimeInterval(-60), userTimeZone: utc))"
            let naiveKeys = try await client.search(JiraSearchQuery(jql: naive)).collect().map(\.key)
            // Shanghai (UTC+8) reads the UTC text 8 h early: refetch; New York (UTC−5/−4) reads it late: skip.
            #expect(naiveKeys == (zone.secondsFromGMT(for: updated) > 0 ? [key] : []))
        }
    }
}
