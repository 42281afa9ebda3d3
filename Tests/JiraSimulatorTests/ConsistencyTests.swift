import Foundation
import JiraSimulator
import Testing

@Suite("JQL date literals in the searcher's time zone; search index lag and reconcileIssues")
struct ConsistencyTests {
    private static let users = [
        JiraSimulatorUser(
            accountId: "acc-sh", name: "shanghai", displayName: "Shanghai", emailAddress: "sh@x.test", token: "sh",
            timeZone: "Asia/Shanghai", isAdmin: true),
        JiraSimulatorUser(
            accountId: "acc-ny", name: "newyork", displayName: "New York", emailAddress: "ny@x.test", token: "ny",
            timeZone: "America/New_York"),
        JiraSimulatorUser(
            accountId: "acc-utc", name: "utc", displayName: "UTC", emailAddress: "utc@x.test", token: "utc"),
    ]

    @Test("the same literal selects different instants for users in Asia/Shanghai and America/New_York")
    func timeZoneRule() async throws {
        try await SimulatorHarness.with(.test(.cloud, users: Self.users)) { sim in
            // Issues updated at 2024-01-02 02:00, 08:00 and 14:00 UTC.
            var keys: [String] = []
            for hour in [2, 8, 14] {
                sim.simulator.setClock(to: Date(timeIntervalSince1970: 1_704_153_600 + Double(hour) * 3600), frozen: true)
                keys.append(try sim.simulator.createIssue(as: "utc", project: "OPS", summary: "at \(hour)Z"))
            }
            sim.simulator.setClock(to: Date(timeIntervalSince1970: 1_704_153_600 + 20 * 3600), frozen: true)
            func search(_ query: String, as user: JiraSimulatorUser) async throws -> [String] {
                let result = try await sim.send(
                    .POST, "/rest/api/3/search/jql", body: ["jql": .string(query), "fields": ["key"]], as: user)
                #expect(result.status == 200)
                return (result.json?["issues"]?.arrayValue ?? []).compactMap { $0["key"]?.stringValue }
            }
            let literal = "project = OPS AND updated >= \"2024/01/02 11:00\" ORDER BY updated ASC"
            // 11:00 in Shanghai = 03:00Z → the 08:00Z and 14:00Z issues; in New York = 16:00Z → none.
            #expect(try await search(literal, as: Self.users[0]) == [keys[1], keys[2]])
            #expect(try await search(literal, as: Self.users[1]).isEmpty)
            #expect(try await search(literal, as: Self.users[2]) == [keys[2]])
            // Other literal forms, same zone rule.
            #expect(try await search("project = OPS AND updated >= \"2024-01-02 03:00\" ORDER BY key", as: Self.users[1]) == [keys[1], keys[2]])
            #expect(try await search("project = OPS AND updated < \"2024/01/02\" ORDER BY key", as: Self.users[1]) == [keys[0]])
            #expect(try await search("project = OPS AND updated <= \"2024-01-02\" ORDER BY key", as: Self.users[0]).isEmpty)
            // Epoch milliseconds are zone-free.
            let epoch = "project = OPS AND updated >= \(1_704_153_600_000 + 8 * 3_600_000) ORDER BY key"
            #expect(try await search(epoch, as: Self.users[0]) == [keys[1], keys[2]])
            #expect(try await search(epoch, as: Self.users[1]) == [keys[1], keys[2]])
        }
    }

    @Test("search lags behind writes unless reconcileIssues names the issue; GET by key is consistent")
    func indexLag() async throws {
        try await SimulatorHarness.with(.test(.cloud, lag: .seconds(10))) { sim in
            sim.simulator.setClock(to: Date(timeIntervalSince1970: 1_750_000_000), frozen: true)
            let key = try await sim.createIssue(summary: "fresh", labels: ["lagged"])
            let id = try #require(try await sim.send(.GET, "/rest/api/3/issue/\(key)?fields=summary").json?["id"]?.stringValue)
            let query: SimJSON = ["jql": "labels = lagged", "fields": ["labels"]]
            let stale = try await sim.send(.POST, "/rest/api/3/search/jql", body: query)
            #expect(stale.json?["issues"]?.arrayValue?.isEmpty == true)

            var reconciled = query.objectValue ?? [:]
            reconciled["reconcileIssues"] = [.int(Int(id) ?? 0)]
            let fresh = try await sim.send(.POST, "/rest/api/3/search/jql", body: .object(reconciled))
            #expect(fresh.json?["issues"]?.arrayValue?.first?["key"]?.stringValue == key)

            // An edit is also invisible to search until the lag passes: the old labels still match.
            sim.simulator.advanceClock(by: .seconds(11))
            let edit = try await sim.send(
                .PUT, "/rest/api/3/issue/\(key)", body: ["update": ["labels": [["remove": "lagged"], ["add": "moved"]]]])
            #expect(edit.status == 204)
            let old = try await sim.send(.POST, "/rest/api/3/search/jql", body: query)
            #expect(old.json?["issues"]?.arrayValue?.first?["fields"]?["labels"] == ["lagged"])
            let consistent = try await sim.send(.GET, "/rest/api/3/issue/\(key)?fields=labels")
            #expect(consistent.json?["fields"]?["labels"] == ["moved"])
            sim.simulator.advanceClock(by: .seconds(11))
            let caughtUp = try await sim.send(.POST, "/rest/api/3/search/jql", body: query)
            #expect(caughtUp.json?["issues"]?.arrayValue?.isEmpty == true)
        }
    }
}
