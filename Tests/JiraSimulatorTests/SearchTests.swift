import Foundation
import JiraSimulator
import Testing

@Suite("Search: /search/jql token paging (Cloud), /search offset paging (DC), JQL subset")
struct SearchTests {
    private func jql(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    @Test("old Cloud /search answers 410 with CHANGE-2046; DC /search works")
    func oldSearchGone() async throws {
        try await SimulatorHarness.with(.test(.cloud)) { sim in
            for path in ["/rest/api/3/search", "/rest/api/2/search"] {
                let gone = try await sim.send(.GET, "\(path)?jql=\(jql("project = OPS"))")
                #expect(gone.status == 410)
                #expect(gone.json?["errorMessages"]?.arrayValue?.first?.stringValue?.contains("CHANGE-2046") == true)
            }
            #expect(try await sim.send(.POST, "/rest/api/3/search", body: ["jql": "project = OPS"]).status == 410)
        }
        try await SimulatorHarness.with(.test(.dataCenter)) { sim in
            let offsetSearch = try await sim.send(.GET, "/rest/api/2/search?jql=\(jql("project = OPS"))")
            #expect(offsetSearch.status == 200)
            let tokenSearch = try await sim.send(.GET, "/rest/api/2/search/jql?jql=\(jql("project = OPS"))")
            #expect(tokenSearch.status == 404)
        }
    }

    @Test("search/jql defaults to id only, has no total, refuses unbounded JQL and more than 5 properties")
    func jqlShape() async throws {
        try await SimulatorHarness.with(.test(.cloud)) { sim in
            let key = try await sim.createIssue(summary: "one", labels: ["guance"])
            let plain = try await sim.send(.GET, "/rest/api/3/search/jql?jql=\(jql("labels = guance"))")
            #expect(plain.status == 200)
            let hit = try #require(plain.json?["issues"]?.arrayValue?.first)
            #expect(hit.objectValue?.keys.sorted() == ["id"])
            #expect(plain.json?["total"] == nil)
            #expect(plain.json?["isLast"] == true)

            let post = try await sim.send(
                .POST, "/rest/api/3/search/jql",
                body: ["jql": "project = OPS AND labels = guance", "fields": ["summary", "updated"], "maxResults": 10])
            #expect(post.json?["issues"]?.arrayValue?.first?["key"]?.stringValue == key)
            #expect(post.json?["issues"]?.arrayValue?.first?["fields"]?["summary"]?.stringValue == "one")

            for unbounded in ["", "ORDER BY updated ASC"] {
                let refused = try await sim.send(.POST, "/rest/api/3/search/jql", body: ["jql": .string(unbounded)])
                #expect(refused.status == 400)
            }
            let tooMany = try await sim.send(
                .POST, "/rest/api/3/search/jql", body: ["jql": "project = OPS", "properties": ["a", "b", "c", "d", "e", "f"]])
            #expect(tooMany.status == 400)
            for unsupported in ["summary ~ cpu", "assignee = currentUser()", "project = OPS AND (labels = a", "updated >= \"2024/13/45\""] {
                let refused = try await sim.send(.POST, "/rest/api/3/search/jql", body: ["jql": .string(unsupported)])
                #expect(refused.status == 400, "\(unsupported)")
                #expect(refused.json?["errorMessages"]?.arrayValue?.isEmpty == false)
            }
        }
    }

    @Test("a query naming an issue key that does not exist: 400 naming each such key (the default), 400 naming none, or no match (lenient)",
          arguments: JiraSimulatorOptions.UnknownIssueKeys.allCases)
    func unknownIssueKeys(reading: JiraSimulatorOptions.UnknownIssueKeys) async throws {
        var options = JiraSimulatorOptions.test(.cloud)
        options.unknownIssueKeys = reading
        try await SimulatorHarness.with(options) { sim in
            let key = try await sim.createIssue(summary: "one", labels: [])
            let jql = "key in (\(key), OPS-9998) OR key = OPS-9999"
            let answer = try await sim.send(.POST, "/rest/api/3/search/jql", body: ["jql": .string(jql), "fields": ["summary"]])
            let messages = answer.json?["errorMessages"]?.arrayValue?.compactMap(\.stringValue) ?? []
            switch reading {
            case .lenient:
                #expect(answer.status == 200)
                #expect(answer.json?["issues"]?.arrayValue?.compactMap { $0["key"]?.stringValue } == [key])
            case .named:
                #expect(answer.status == 400)
                #expect(messages.count == 2)
                #expect(messages.contains { $0.contains("OPS-9998") } && messages.contains { $0.contains("OPS-9999") })
                #expect(!messages.contains { $0.contains(key) })
            case .unnamed:
                #expect(answer.status == 400)
                #expect(!messages.isEmpty && !messages.contains { $0.contains("OPS-999") })
            }
        }
    }

    @Test("token paging walks every issue exactly once across many pages")
    func tokenPaging() async throws {
        try await SimulatorHarness.with(.test(.cloud)) { sim in
            var created: [String] = []
            for index in 0..<45 {
                created.append(try sim.simulator.createIssue(as: "alice", project: "OPS", summary: "issue \(index)", labels: ["bulk"]))
            }
            var seen: [String] = []
            var token: String?
            var pages = 0
            repeat {
                var body: [String: SimJSON] = ["jql": "labels = bulk ORDER BY key ASC", "fields": ["key"], "maxResults": 4]
                if let token { body["nextPageToken"] = .string(token) }
                let page = try await sim.send(.POST, "/rest/api/3/search/jql", body: .object(body))
                #expect(page.status == 200)
                seen += (page.json?["issues"]?.arrayValue ?? []).compactMap { $0["key"]?.stringValue }
                token = page.json?["nextPageToken"]?.stringValue
                #expect((token == nil) == (page.json?["isLast"] == true))
                pages += 1
            } while token != nil && pages < 100
            #expect(pages == 12)
            #expect(seen == created)
            let badToken = try await sim.send(.POST, "/rest/api/3/search/jql", body: ["jql": "labels = bulk", "nextPageToken": "garbage"])
            #expect(badToken.status == 400)
        }
    }

    @Test("DC /search pages with startAt/total and may reduce maxResults")
    func offsetPaging() async throws {
        var options = JiraSimulatorOptions.test(.dataCenter)
        options.maxSearchPageSize = 5
        try await SimulatorHarness.with(options) { sim in
            for index in 0..<12 {
                _ = try sim.simulator.createIssue(as: "alice", project: "SUP", summary: "dc \(index)")
            }
            var keys: [String] = []
            var startAt = 0
            while true {
                let page = try await sim.send(
                    .GET, "/rest/api/2/search?jql=\(jql("project = SUP ORDER BY created ASC, key ASC"))&startAt=\(startAt)&maxResults=50&fields=summary")
                #expect(page.json?["total"]?.intValue == 12)
                let granted = try #require(page.json?["maxResults"]?.intValue)
                #expect(granted == 5)
                let issues = page.json?["issues"]?.arrayValue ?? []
                keys += issues.compactMap { $0["key"]?.stringValue }
                startAt += issues.count
                if issues.isEmpty || startAt >= 12 { break }
            }
            #expect(keys == (1...12).map { "SUP-\($0)" })
            let pastWindow = try await sim.send(.GET, "/rest/api/2/search?jql=\(jql("project = SUP"))&startAt=9999&maxResults=5")
            #expect(pastWindow.status == 500)
        }
    }

    @Test("JQL subset: OR, parentheses, IN, NOT IN, statusCategory, resolution = Unresolved, ORDER BY DESC")
    func jqlSubset() async throws {
        try await SimulatorHarness.with(.test(.cloud)) { sim in
            let a = try sim.simulator.createIssue(as: "alice", project: "OPS", summary: "a", labels: ["x"])
            let b = try sim.simulator.createIssue(as: "alice", project: "OPS", summary: "b", labels: ["y"])
            let c = try sim.simulator.createIssue(as: "alice", project: "SUP", summary: "c", labels: ["x", "y"])
            try sim.simulator.transition(as: "alice", issue: c, toCategory: "done")
            func keys(_ query: String) async throws -> [String] {
                let result = try await sim.send(.POST, "/rest/api/3/search/jql", body: ["jql": .string(query), "fields": ["key"]])
                #expect(result.status == 200, "\(query): \(String(decoding: result.data, as: UTF8.self))")
                return (result.json?["issues"]?.arrayValue ?? []).compactMap { $0["key"]?.stringValue }
            }
            #expect(try await keys("project in (OPS, SUP) ORDER BY key ASC") == [a, b, c])
            #expect(try await keys("labels = x AND (project = SUP OR labels = y)") == [c])
            #expect(try await keys("key in (\(a), \(b)) ORDER BY key DESC") == [b, a])
            #expect(try await keys("issuekey = \(b)") == [b])
            #expect(try await keys("statusCategory = Done") == [c])
            #expect(try await keys("statusCategory != done AND project = OPS ORDER BY key ASC") == [a, b])
            #expect(try await keys("project = OPS AND resolution = Unresolved ORDER BY key") == [a, b])
            #expect(try await keys("labels not in (x) AND project IN (OPS, SUP)") == [b])
            #expect(try await keys("status = \"Done\"") == [c])
            #expect(try await keys("project = SUP AND updated >= -15m") == [c])
            #expect(try await keys("project = SUP AND updated < -15m").isEmpty)
        }
    }
}
