import GuanceSimulator
import RichText
import Testing

@Suite("Replies")
struct ReplyTests {
    @Test("create answers type reply with id null; list has content array and top-level pageInfo")
    func createAndList() async throws {
        try await withSimulator { simulator, client async throws in
            let issue = try await client.addIssue(name: "talk")
            simulator.advanceClock(bySeconds: 5)
            let created = try await client.post(
                "/api/v1/issue/reply/create", ["issueUUID": .string(issue), "content": "hello", "extend": [:]]
            )
            #expect(created.status == 200)
            #expect(created.content["id"] == .null)
            #expect(created.content["type"] == "reply")
            #expect(created.content["uuid"]?.stringValue?.hasPrefix("repim_") == true)
            #expect(created.content["creator"] == .string(GuanceSimulatedAPIKey.jiraSystem.id))
            #expect(created.content["is_modify"] == nil)

            let list = try await client.get(
                "/api/v1/issue/reply/\(issue)/list?ordering=-createAt&pageIndex=1&pageSize=10")
            #expect(list.json["pageInfo"]?["totalCount"] == 2)
            #expect(list.json["pageInfo"]?["count"] == 2)
            let replies = try #require(list.content.arrayValue)
            #expect(replies.map { $0["type"] } == ["reply", "change"])
            #expect(replies[0]["id"]?.intValue != nil)
            #expect(replies[0]["is_modify"] == false)
            #expect(replies[0]["latest_modify_time"] == .int(Int64(testEpoch) + 5))
            #expect(replies[0]["creatorInfo"]?["name"] == "Jira System")
            #expect(replies[0]["attachmentsList"] == [])

            let ascending = try await client.get("/api/v1/issue/reply/\(issue)/list?ordering=createAt")
            #expect(try #require(ascending.content.arrayValue).map { $0["type"] } == ["change", "reply"])
            let paged = try await client.get("/api/v1/issue/reply/\(issue)/list?pageIndex=2&pageSize=1")
            #expect(paged.json["pageInfo"]?["pageIndex"] == 2)
            #expect(try #require(paged.content.arrayValue).map { $0["type"] } == ["change"])
        }
    }

    @Test("a reply to an unknown issue or without extend is rejected")
    func createValidation() async throws {
        try await withSimulator { _, client async throws in
            let unknown = try await client.post(
                "/api/v1/issue/reply/create", ["issueUUID": "issue_missing", "content": "x", "extend": [:]]
            )
            #expect(unknown.status == 404)
            let issue = try await client.addIssue(name: "v")
            let noExtend = try await client.post(
                "/api/v1/issue/reply/create", ["issueUUID": .string(issue), "content": "x"])
            #expect(noExtend.status == 400)
        }
    }

    @Test("only the creator may edit; an edit sets is_modify and latest_modify_time")
    func modifyRules() async throws {
        try await withSimulator { simulator, client async throws in
            let issue = try await client.addIssue(name: "edit")
            let member = try #require(simulator.options.members.first)
            let human = try simulator.addReply(to: issue, content: "human words", as: member)
            let forbidden = try await client.post(
                "/api/v1/issue/reply/\(human.uuid)/modify",
                ["issueUUID": .string(issue), "content": "hijack", "extend": [:]]
            )
            #expect(forbidden.status == 403)
            #expect(forbidden.errorCode == "ft.NoPermission")

            let own = try await client.post(
                "/api/v1/issue/reply/create", ["issueUUID": .string(issue), "content": "v1", "extend": [:]]
            )
            let ownUUID = try #require(own.content["uuid"]?.stringValue)
            simulator.advanceClock(bySeconds: 42)
            let edited = try await client.post(
                "/api/v1/issue/reply/\(ownUUID)/modify", ["issueUUID": .string(issue), "content": "v2", "extend": [:]]
            )
            #expect(edited.status == 200)
            #expect(edited.content["content"] == "v2")
            let listed = try #require(
                try await client.get("/api/v1/issue/reply/\(issue)/list").content.arrayValue?.first {
                    $0["uuid"] == .string(ownUUID)
                }
            )
            #expect(listed["is_modify"] == true)
            #expect(listed["latest_modify_time"] == .int(Int64(testEpoch) + 42))
            #expect(throws: GuanceSimulatorError.self) {
                try simulator.modifyReply(ownUUID, content: "by human", as: member)
            }
        }
    }

    @Test("delete answers content true, sets deleteAt and hides the reply")
    func delete() async throws {
        try await withSimulator { simulator, client async throws in
            let issue = try await client.addIssue(name: "del")
            let created = try await client.post(
                "/api/v1/issue/reply/create", ["issueUUID": .string(issue), "content": "bye", "extend": [:]]
            )
            let uuid = try #require(created.content["uuid"]?.stringValue)
            let deleted = try await client.send(.DELETE, "/api/v1/issue/reply/\(uuid)/delete")
            #expect(deleted.status == 200)
            #expect(deleted.content == true)
            #expect(simulator.replies(of: issue).first { $0.uuid == uuid }?.deleteAt == testEpoch)
            let visible = try await client.get("/api/v1/issue/reply/\(issue)/list").content.arrayValue ?? []
            #expect(!visible.contains { $0["uuid"] == .string(uuid) })
            simulator.updateBehaviour { $0.showsDeletedReplies = true }
            let all = try await client.get("/api/v1/issue/reply/\(issue)/list").content.arrayValue ?? []
            #expect(all.contains { $0["uuid"] == .string(uuid) })
            #expect(try await client.send(.DELETE, "/api/v1/issue/reply/\(uuid)/delete").status == 404)
        }
    }

    @Test("a reply bumps the issue's updateAt only when configured")
    func replyBumpsUpdateAt() async throws {
        try await withSimulator { simulator, client async throws in
            let issue = try await client.addIssue(name: "bump")
            simulator.advanceClock(bySeconds: 100)
            _ = try await client.post(
                "/api/v1/issue/reply/create", ["issueUUID": .string(issue), "content": "a", "extend": [:]])
            #expect(simulator.issue(issue)?.updateAt == nil)
            simulator.updateBehaviour { $0.replyBumpsIssueUpdateAt = true }
            _ = try await client.post(
                "/api/v1/issue/reply/create", ["issueUUID": .string(issue), "content": "b", "extend": [:]])
            #expect(simulator.issue(issue)?.updateAt == testEpoch + 100)
        }
    }

    @Test("a #channel in a reply delivers the issue to that channel")
    func replyChannelMention() async throws {
        try await withSimulator { simulator, client async throws in
            let ops = try #require(simulator.channels.first { $0.name == "ops" }).uuid
            let issue = try await client.addIssue(name: "mention")
            #expect(try await client.list(["channelUUID": .string(ops)]).uuids.isEmpty)
            let extend: JSONValue = ["channels": [["type": "#", "uuid": .string(ops), "exists": true]]]
            _ = try await client.post(
                "/api/v1/issue/reply/create", ["issueUUID": .string(issue), "content": "#ops", "extend": extend])
            #expect(try await client.list(["channelUUID": .string(ops)]).uuids == [issue])
        }
    }
}
