import GuanceSimulator
import RichText
import Testing

@Suite("issue/list filters, windows and paging")
struct IssueListTests {
    @Test("pages are content.data + content.pageInfo and cover every issue once")
    func paging() async throws {
        try await withSimulator { simulator, client async throws in
            var created: [String] = []
            for index in 0..<7 {
                created.append(try await client.addIssue(name: "issue \(index)"))
                simulator.advanceClock(bySeconds: 1)
            }
            var seen: [String] = []
            for pageIndex in 1...3 {
                let page = try await client.list(["pageIndex": .int(Int64(pageIndex)), "pageSize": 3])
                #expect(page.pageInfo?["pageIndex"] == .int(Int64(pageIndex)))
                #expect(page.pageInfo?["pageSize"] == 3)
                #expect(page.pageInfo?["totalCount"] == 7)
                #expect(page.pageInfo?["count"] == .int(Int64(page.uuids.count)))
                seen += page.uuids
            }
            #expect(seen == created.reversed())
            let beyond = try await client.list(["pageIndex": 4, "pageSize": 3])
            #expect(beyond.uuids.isEmpty)
            #expect(beyond.pageInfo?["count"] == 0)
        }
    }

    @Test("the plain-array shape puts results in content and pageInfo at top level")
    func plainArrayShape() async throws {
        let behaviour = GuanceSimulatorBehaviour(issueListShape: .plainArray)
        try await withSimulator(.testing(behaviour: behaviour)) { _, client async throws in
            let uuid = try await client.addIssue(name: "flat")
            let response = try await client.post("/api/v1/issue/list", ["pageSize": 5])
            #expect(response.content.arrayValue?.compactMap { $0["uuid"]?.stringValue } == [uuid])
            #expect(response.json["pageInfo"]?["totalCount"] == 1)
            #expect(response.json["pageInfo"]?["pageSize"] == 5)
        }
    }

    @Test("maxPageSize clamps and pageInfo reports the clamp")
    func pageSizeCap() async throws {
        try await withSimulator(.testing(behaviour: GuanceSimulatorBehaviour(maxPageSize: 2))) {
            _, client async throws in
            for index in 0..<3 { _ = try await client.addIssue(name: "i\(index)") }
            let page = try await client.list(["pageSize": 100])
            #expect(page.uuids.count == 2)
            #expect(page.pageInfo?["pageSize"] == 2)
            #expect(page.pageInfo?["totalCount"] == 3)
        }
    }

    @Test("filters: equal and not-equal, every documented key")
    func filters() async throws {
        try await withSimulator { simulator, client async throws in
            let open = try await client.addIssue(name: "open", level: "system_level_0", extra: ["resource": "dds"])
            let pending = try await client.addIssue(name: "pending", extra: ["resource": "web"])
            _ = try await client.post("/api/v1/issue/\(pending)/modify", ["statusType": 30, "extend": [:]])
            let human = try simulator.createIssue(
                GuanceIssueDraft(name: "by human"), as: try #require(simulator.options.members.first)
            ).uuid

            func uuids(_ filters: JSONValue) async throws -> Set<String> {
                Set(try await client.list(["filters": filters]).uuids)
            }
            #expect(try await uuids([["key": "statusType", "value": 30, "equal": true]]) == [pending])
            #expect(try await uuids([["key": "statusType", "value": 30, "equal": false]]) == [open, human])
            #expect(try await uuids([["key": "resource", "value": "dds", "equal": true]]) == [open])
            #expect(try await uuids([["key": "level", "value": "system_level_0", "equal": true]]) == [open])
            #expect(try await uuids([["key": "level", "value": 0, "equal": true]]) == [open])
            let keyID = JSONValue.string(GuanceSimulatedAPIKey.jiraSystem.id)
            #expect(try await uuids([["key": "creator", "value": keyID, "equal": false]]) == [human])
            #expect(try await uuids([["key": "updator", "value": keyID, "equal": true]]) == [open, pending])
            #expect(try await client.list(["filters": [["key": "manager", "value": "x"]]]).status == 400)
        }
    }

    @Test("repeated filter keys AND by default, OR when configured")
    func repeatedKeys() async throws {
        try await withSimulator { simulator, client async throws in
            let open = try await client.addIssue(name: "open")
            let pending = try await client.addIssue(name: "pending")
            _ = try await client.post("/api/v1/issue/\(pending)/modify", ["statusType": 30, "extend": [:]])
            let both: JSONValue = [
                "filters": [
                    ["key": "statusType", "value": 10, "equal": true],
                    ["key": "statusType", "value": 30, "equal": true],
                ]
            ]
            #expect(try await client.list(both).uuids.isEmpty)
            simulator.updateBehaviour { $0.repeatedFilterKeys = .or }
            #expect(Set(try await client.list(both).uuids) == [open, pending])
        }
    }

    @Test("search matches name and description")
    func search() async throws {
        try await withSimulator { _, client async throws in
            let byName = try await client.addIssue(name: "Payment timeout")
            let byDescription = try await client.addIssue(name: "other", description: "<p>payment gateway</p>")
            _ = try await client.addIssue(name: "unrelated")
            #expect(Set(try await client.list(["search": "PAYMENT"]).uuids) == [byName, byDescription])
            #expect(try await client.list(["search": ""]).uuids.count == 3)
        }
    }

    @Test("the time window filters createAt or updateAt, in seconds or milliseconds")
    func timeWindow() async throws {
        try await withSimulator { simulator, client async throws in
            let uuid = try await client.addIssue(name: "old")
            simulator.advanceClock(bySeconds: 600)
            _ = try await client.post("/api/v1/issue/\(uuid)/modify", ["statusType": 20, "extend": [:]])
            let now = Int64(testEpoch) + 600
            let recent: JSONValue = ["startTime": .int(now - 60), "endTime": .int(now)]
            #expect(try await client.list(recent).uuids.isEmpty)
            simulator.updateBehaviour { $0.timeWindowField = .updateAt }
            #expect(try await client.list(recent).uuids == [uuid])
            simulator.updateBehaviour { $0.timeWindowUnit = .milliseconds }
            #expect(try await client.list(recent).uuids.isEmpty)
            let recentMillis: JSONValue = ["startTime": .int((now - 60) * 1000), "endTime": .int(now * 1000)]
            #expect(try await client.list(recentMillis).uuids == [uuid])
        }
    }

    @Test("the window includes startTime, and endTime unless configured otherwise")
    func windowBounds() async throws {
        try await withSimulator { simulator, client async throws in
            let uuid = try await client.addIssue(name: "edge")
            let stamp = Int64(testEpoch)
            #expect(try await client.list(["startTime": .int(stamp), "endTime": .int(stamp + 60)]).uuids == [uuid])
            #expect(try await client.list(["startTime": .int(stamp - 60), "endTime": .int(stamp)]).uuids == [uuid])
            simulator.updateBehaviour { $0.timeWindowIncludesEnd = false }
            #expect(try await client.list(["startTime": .int(stamp - 60), "endTime": .int(stamp)]).uuids.isEmpty)
            #expect(try await client.list(["startTime": .int(stamp), "endTime": .int(stamp + 60)]).uuids == [uuid])
        }
    }

    @Test("updateAt order moves a modified issue to the front")
    func updateAtOrder() async throws {
        try await withSimulator { simulator, client async throws in
            let first = try await client.addIssue(name: "first")
            simulator.advanceClock(bySeconds: 1)
            let second = try await client.addIssue(name: "second")
            simulator.advanceClock(bySeconds: 1)
            _ = try await client.post("/api/v1/issue/\(first)/modify", ["statusType": 30, "extend": [:]])
            #expect(try await client.list().uuids == [second, first])
            simulator.updateBehaviour { $0.issueListOrder = .updateAtDescending }
            #expect(try await client.list().uuids == [first, second])
        }
    }

    @Test("deleted issues are hidden unless configured")
    func deletedIssues() async throws {
        try await withSimulator { simulator, client async throws in
            let uuid = try await client.addIssue(name: "gone")
            try simulator.deleteIssue(uuid)
            #expect(try await client.list().uuids.isEmpty)
            #expect(try await client.get("/api/v1/issue/\(uuid)/get").status == 404)
            simulator.updateBehaviour { $0.showsDeletedIssues = true }
            #expect(try await client.list().uuids == [uuid])
            let shown = try await client.get("/api/v1/issue/\(uuid)/get").content
            #expect(shown["deleteAt"] != -1)
        }
    }

    @Test("rendering options: legacy int level, fractional timestamps, never-updated updateAt")
    func renderingOptions() async throws {
        try await withSimulator { simulator, client async throws in
            let uuid = try await client.addIssue(name: "r", level: 2)
            #expect(try await client.get("/api/v1/issue/\(uuid)/get").content["level"] == "system_level_2")
            simulator.updateBehaviour { $0.levelFormat = .legacyInteger }
            #expect(try await client.get("/api/v1/issue/\(uuid)/get").content["level"] == 2)

            #expect(try await client.get("/api/v1/issue/\(uuid)/get").content["updateAt"] == .int(Int64(testEpoch)))
            simulator.updateBehaviour { $0.neverUpdatedRendering = .minusOne }
            #expect(try await client.get("/api/v1/issue/\(uuid)/get").content["updateAt"] == -1)
            simulator.updateBehaviour { $0.neverUpdatedRendering = .null }
            #expect(try await client.get("/api/v1/issue/\(uuid)/get").content["updateAt"] == .null)

            simulator.updateBehaviour { $0.fractionalTimestamps = true }
            let createAt = try #require(try await client.get("/api/v1/issue/\(uuid)/get").content["createAt"])
            guard case .double(let value) = createAt else {
                Issue.record("createAt should be a float, got \(createAt)")
                return
            }
            #expect(value.rounded(.down) == testEpoch)
            #expect(value != testEpoch)
        }
    }
}
