import GuanceSimulator
import RichText
import Testing

@Suite("Edge cases and concurrency")
struct EdgeCaseTests {
    @Test("a body that is not JSON is 400 ft.ParamError")
    func invalidJSON() async throws {
        try await withSimulator { _, client async throws in
            let (status, bytes) = try await client.sendRaw(.POST, "/api/v1/issue/add", body: nil, rawBody: "{not json")
            #expect(status == 400)
            #expect(String(decoding: bytes, as: UTF8.self).contains("ft.ParamError"))
        }
    }

    @Test("old-docs required fields are enforced only when configured")
    func strictRequiredFields() async throws {
        try await withSimulator { simulator, client async throws in
            let uuid = try await client.addIssue(name: "strict")
            simulator.updateBehaviour {
                $0.issueListRequiresAllFields = true
                $0.modifyRequiresNameLevelDescription = true
            }
            #expect(try await client.list(["pageIndex": 1, "pageSize": 20]).status == 400)
            let full: JSONValue = [
                "channelUUID": .string(simulator.defaultChannelUUID), "startTime": .int(Int64(testEpoch) - 60),
                "endTime": .int(Int64(testEpoch)), "pageIndex": 1, "pageSize": 20,
            ]
            #expect(try await client.list(full).uuids == [uuid])
            let partial = try await client.post("/api/v1/issue/\(uuid)/modify", ["statusType": 20, "extend": [:]])
            #expect(partial.status == 400)
            let complete = try await client.post(
                "/api/v1/issue/\(uuid)/modify",
                ["name": "strict", "level": "system_level_2", "description": "d", "statusType": 20, "extend": [:]]
            )
            #expect(complete.status == 200)
        }
    }

    @Test("listing an unknown or deleted channel is not found")
    func unknownChannel() async throws {
        try await withSimulator { simulator, client async throws in
            #expect(try await client.list(["channelUUID": "chan_missing"]).status == 404)
            let retired = try #require(simulator.channels.first { $0.name == "retired" })
            #expect(try await client.list(["channelUUID": .string(retired.uuid)]).status == 404)
            let add = try await client.post(
                "/api/v1/issue/add",
                ["name": "x", "description": "", "level": "", "extend": [:], "channelUUIDs": [.string(retired.uuid)]]
            )
            #expect(add.status == 400)
        }
    }

    @Test("reply routes reject unknown issues and mismatched issueUUID")
    func replyMismatch() async throws {
        try await withSimulator { _, client async throws in
            #expect(try await client.get("/api/v1/issue/reply/issue_missing/list").status == 404)
            let first = try await client.addIssue(name: "first")
            let second = try await client.addIssue(name: "second")
            let reply = try await client.post(
                "/api/v1/issue/reply/create", ["issueUUID": .string(first), "content": "x", "extend": [:]]
            )
            let uuid = try #require(reply.content["uuid"]?.stringValue)
            let mismatched = try await client.post(
                "/api/v1/issue/reply/\(uuid)/modify", ["issueUUID": .string(second), "content": "y", "extend": [:]]
            )
            #expect(mismatched.status == 400)
            let badOrdering = try await client.get("/api/v1/issue/reply/\(first)/list?ordering=-nonsense")
            #expect(badOrdering.status == 400)
        }
    }

    @Test("a monitor appends an event to its issue as a change reply from SYS")
    func monitorAppendsEvent() async throws {
        try await withSimulator { simulator, client async throws in
            let issue = try simulator.createIssue(
                GuanceIssueDraft(name: "CPU high", resourceType: "checker"), as: .monitor
            )
            #expect(issue.statusType == 10)
            #expect(issue.level == "system_level_3")
            simulator.advanceClock(bySeconds: 60)
            try simulator.addReply(to: issue.uuid, content: "CPU still high", type: "change", as: .monitor)
            let replies = try #require(
                try await client.get("/api/v1/issue/reply/\(issue.uuid)/list?ordering=-createAt").content.arrayValue
            )
            #expect(replies.first?["content"] == "CPU still high")
            #expect(replies.first?["creator"] == "SYS")
            #expect(replies.first?["type"] == "change")
        }
    }

    @Test("concurrent writes from two keys all land, with unique ids and exact counts")
    func concurrentWrites() async throws {
        try await withSimulator { simulator, client async throws in
            var other = client
            other.apiKey = secondKey.secret
            let clients = [client, other]
            let uuids = try await withThrowingTaskGroup(of: String.self) { group in
                for index in 0..<40 {
                    let writer = clients[index % 2]
                    group.addTask { try await writer.addIssue(name: "parallel \(index)") }
                }
                return try await group.reduce(into: [String]()) { $0.append($1) }
            }
            #expect(Set(uuids).count == 40)
            #expect(Set(simulator.allIssues().map(\.id)).count == 40)
            #expect(simulator.stats.count("POST /api/v1/issue/add", status: 200) == 40)
            let bySecondKey = try await client.list([
                "pageSize": 100, "filters": [["key": "creator", "value": .string(secondKey.id), "equal": true]],
            ])
            #expect(bySecondKey.uuids.count == 20)
        }
    }
}
