import GuanceSimulator
import RichText
import Testing

@Suite("Issue add, get and modify")
struct IssueTests {
    @Test("add records the key as creator and appends a created change reply")
    func addAsKey() async throws {
        try await withSimulator { simulator, client async throws in
            let response = try await client.post(
                "/api/v1/issue/add",
                ["name": "Disk full", "description": "<p>disk</p>", "level": "system_level_1", "extend": [:]]
            )
            #expect(response.status == 200)
            let issue = response.content
            #expect(issue["uuid"]?.stringValue?.hasPrefix("issue_") == true)
            #expect(issue["statusType"] == 10)
            #expect(issue["level"] == "system_level_1")
            #expect(issue["creator"] == .string(GuanceSimulatedAPIKey.jiraSystem.id))
            #expect(issue["updator"] == .string(GuanceSimulatedAPIKey.jiraSystem.id))
            #expect(issue["creatorInfo"]?["name"] == "Jira System")
            #expect(issue["creatorInfo"]?["email"] == .string(GuanceSimulatedAPIKey.jiraSystem.id))
            #expect(issue["creatorInfo"]?["username"] == .string(GuanceSimulatedAPIKey.jiraSystem.id))
            #expect(issue["createAt"] == .int(Int64(testEpoch)))
            #expect(issue["deleteAt"] == -1)
            #expect(issue["bindChannels"] == nil)
            let uuid = try #require(issue["uuid"]?.stringValue)
            let replies = simulator.replies(of: uuid)
            #expect(replies.map(\.type) == ["change"])
        }
    }

    @Test("add rejects a missing extend or name, and ignores statusType unless configured")
    func addValidation() async throws {
        try await withSimulator { simulator, client async throws in
            let noExtend = try await client.post("/api/v1/issue/add", ["name": "x", "description": "", "level": ""])
            #expect(noExtend.status == 400)
            #expect(noExtend.json["success"] == false)
            let noName = try await client.post("/api/v1/issue/add", ["description": "", "level": "", "extend": [:]])
            #expect(noName.status == 400)
            let uuid = try await client.addIssue(name: "pending?", extra: ["statusType": 30])
            #expect(simulator.issue(uuid)?.statusType == 10)
            simulator.updateBehaviour { $0.addHonoursStatusType = true }
            let honoured = try await client.addIssue(name: "pending!", extra: ["statusType": 30])
            #expect(simulator.issue(honoured)?.statusType == 30)
        }
    }

    @Test("get adds the get-only fields")
    func getDetail() async throws {
        try await withSimulator { simulator, client async throws in
            let member = try #require(simulator.options.members.first)
            let opsChannel = try #require(simulator.channels.first { $0.name == "ops" })
            let uuid = try await client.addIssue(
                name: "detail", level: "system_level_3",
                extend: ["manager": [.string(member.uuid), "group_team1", "ext@example.com"]],
                extra: ["channelUUIDs": [.string(opsChannel.uuid)]]
            )
            let issue = try await client.get("/api/v1/issue/\(uuid)/get").content
            #expect(issue["attachments"] == [])
            #expect(issue["levelInfo"]?["name"] == "未知")
            #expect(issue["levelInfo"]?["color"] == "#C9C9C9")
            let bound = try #require(issue["bindChannels"]?.arrayValue).compactMap { $0["name"]?.stringValue }
            #expect(bound == ["default", "ops"])
            let managers = try #require(issue["managerInfos"]?.arrayValue)
            #expect(managers.count == 3)
            #expect(managers[0]["uuid"] == .string(member.uuid))
            #expect(managers[1]["uuid"] == "group_team1")
            #expect(managers[2]["email"] == "ext@example.com")
            #expect(issue["declaration"] != nil)
        }
    }

    @Test("an unknown uuid is not found, with the configured status")
    func notFound() async throws {
        try await withSimulator { simulator, client async throws in
            let response = try await client.get("/api/v1/issue/issue_nope/get")
            #expect(response.status == 404)
            #expect(response.json["success"] == false)
            simulator.updateBehaviour { $0.notFoundStatus = 403 }
            #expect(try await client.get("/api/v1/issue/issue_nope/get").status == 403)
        }
    }

    @Test("modify changes status and level with one change reply each, and bumps updateAt")
    func modifyAppendsChanges() async throws {
        try await withSimulator { simulator, client async throws in
            let uuid = try await client.addIssue(name: "to resolve")
            simulator.advanceClock(bySeconds: 30)
            let response = try await client.post(
                "/api/v1/issue/\(uuid)/modify", ["statusType": 20, "level": "system_level_0", "extend": [:]]
            )
            #expect(response.status == 200)
            #expect(response.content["statusType"] == 20)
            #expect(response.content["level"] == "system_level_0")
            #expect(response.content["updateAt"] == .int(Int64(testEpoch) + 30))
            #expect(response.content["createAt"] == .int(Int64(testEpoch)))
            let changes = simulator.replies(of: uuid).filter { $0.type == "change" }
            #expect(changes.count == 3)
            #expect(changes.allSatisfy { $0.creator.uuid == GuanceSimulatedAPIKey.jiraSystem.id })
            _ = try await client.post("/api/v1/issue/\(uuid)/modify", ["name": "renamed", "extend": [:]])
            #expect(simulator.replies(of: uuid).count == 3)
            _ = try await client.post("/api/v1/issue/\(uuid)/modify", ["description": "new text", "extend": [:]])
            #expect(simulator.replies(of: uuid).count == 4)
        }
    }

    @Test("modify replaces extend whole: what is not re-sent is gone")
    func extendReplaceAll() async throws {
        try await withSimulator { simulator, client async throws in
            let opsChannel = try #require(simulator.channels.first { $0.name == "ops" })
            let extend: JSONValue = [
                "manager": ["acnt_a"], "linkList": [["name": "JIRA-1", "link": "https://jira/JIRA-1"]],
                "channels": [["type": "#", "uuid": .string(opsChannel.uuid), "exists": true]],
            ]
            let uuid = try await client.addIssue(name: "keep?", extend: extend)
            let kept = try await client.post("/api/v1/issue/\(uuid)/modify", ["statusType": 30, "extend": extend])
            #expect(kept.content["extend"] == extend)
            let opsIssues = try await client.list(["channelUUID": .string(opsChannel.uuid)])
            #expect(opsIssues.uuids == [uuid])

            let dropped = try await client.post("/api/v1/issue/\(uuid)/modify", ["extend": ["manager": ["acnt_b"]]])
            #expect(dropped.content["extend"] == ["manager": ["acnt_b"]])
            #expect(simulator.issue(uuid)?.managers == ["acnt_b"])
            #expect(try await client.list(["channelUUID": .string(opsChannel.uuid)]).uuids.isEmpty)

            let missing = try await client.post("/api/v1/issue/\(uuid)/modify", ["statusType": 20])
            #expect(missing.status == 400)
        }
    }

    @Test("channelUUIDs [] on modify leaves the issue only in default")
    func channelReassociation() async throws {
        try await withSimulator { simulator, client async throws in
            let ops = try #require(simulator.channels.first { $0.name == "ops" }).uuid
            let uuid = try await client.addIssue(name: "chan", extra: ["channelUUIDs": [.string(ops)]])
            #expect(try await client.list(["channelUUID": .string(ops)]).uuids == [uuid])
            _ = try await client.post("/api/v1/issue/\(uuid)/modify", ["extend": [:], "statusType": 30])
            #expect(try await client.list(["channelUUID": .string(ops)]).uuids == [uuid])
            _ = try await client.post("/api/v1/issue/\(uuid)/modify", ["extend": [:], "channelUUIDs": []])
            #expect(try await client.list(["channelUUID": .string(ops)]).uuids.isEmpty)
            let all = try await client.list(["channelUUID": .string(simulator.defaultChannelUUID)])
            #expect(all.uuids == [uuid])
        }
    }

    @Test("old tenants reject statusType 15 and 25")
    func extendedStatusTypes() async throws {
        try await withSimulator { simulator, client async throws in
            let uuid = try await client.addIssue(name: "s")
            func setStatus(_ statusType: Int64) async throws -> APIResponse {
                try await client.post("/api/v1/issue/\(uuid)/modify", ["statusType": .int(statusType), "extend": [:]])
            }
            #expect(try await setStatus(15).status == 200)
            #expect(try await setStatus(25).status == 200)
            #expect(try await setStatus(40).status == 400)
            simulator.updateBehaviour { $0.acceptsExtendedStatusTypes = false }
            let rejected = try await setStatus(15)
            #expect(rejected.status == 400)
            #expect(rejected.errorCode == "ft.ParamError")
            #expect(try await setStatus(20).status == 200)
            let filter: JSONValue = ["filters": [["key": "statusType", "value": 25, "equal": true]]]
            #expect(try await client.list(filter).status == 400)
        }
    }
}
