import GuanceSimulator
import RichText
import Testing

@Suite("HTTP control API under /__sim/")
struct ControlAPITests {
    @Test("a monitor creates a checker issue; a member changes it and a change reply appears")
    func humanAndMonitorActions() async throws {
        try await withSimulator { simulator, client async throws in
            let created = try await client.post(
                "/__sim/issues", ["actor": "monitor", "name": "CPU high", "resourceType": "checker"]
            )
            #expect(created.status == 200)
            #expect(created.json["resourceType"] == "checker")
            #expect(created.json["creator"] == "SYS")
            #expect(created.json["level"] == "system_level_3")
            let uuid = try #require(created.json["uuid"]?.stringValue)

            let member = try #require(simulator.options.members.first)
            let changed = try await client.post(
                "/__sim/issues/\(uuid)/modify",
                ["actor": .string(member.uuid), "statusType": 20, "managers": [.string(member.uuid)]]
            )
            #expect(changed.json["statusType"] == 20)
            #expect(changed.json["updator"] == .string(member.uuid))
            #expect(changed.json["extend"]?["manager"] == [.string(member.uuid)])
            let replies = simulator.replies(of: uuid)
            #expect(replies.last?.type == "change")
            #expect(replies.last?.creator == member)

            let reply = try await client.post("/__sim/issues/\(uuid)/replies", ["content": "looking"])
            let replyUUID = try #require(reply.json["uuid"]?.stringValue)
            let edited = try await client.post("/__sim/replies/\(replyUUID)/modify", ["content": "fixed"])
            #expect(edited.json["is_modify"] == true)
            let byOther = try await client.post(
                "/__sim/replies/\(replyUUID)/delete", ["actor": .string(simulator.options.members[1].uuid)]
            )
            #expect(byOther.status == 403)
            #expect(try await client.post("/__sim/replies/\(replyUUID)/delete").status == 200)
        }
    }

    @Test("the clock moves over HTTP and stamps new records")
    func clock() async throws {
        try await withSimulator { simulator, client async throws in
            let moved = try await client.post("/__sim/clock", ["advanceSeconds": 600])
            #expect(moved.json["now"]?.intValue == Int64(testEpoch) + 600)
            let uuid = try await client.addIssue(name: "later")
            #expect(simulator.issue(uuid)?.createAt == testEpoch + 600)
            _ = try await client.post("/__sim/clock", ["epochSeconds": 1_800_000_000])
            #expect(simulator.now == 1_800_000_000)
        }
    }

    @Test("behaviour and rate limits can be patched over HTTP; unknown settings are rejected")
    func settings() async throws {
        try await withSimulator { simulator, client async throws in
            let patched = try await client.post(
                "/__sim/behaviour",
                ["timeWindowUnit": "milliseconds", "maxPageSize": 50, "levelFormat": "legacyInteger"]
            )
            #expect(patched.status == 200)
            #expect(patched.json["timeWindowUnit"] == "milliseconds")
            #expect(simulator.behaviour.timeWindowUnit == .milliseconds)
            #expect(simulator.behaviour.maxPageSize == 50)
            #expect(simulator.behaviour.levelFormat == .legacyInteger)
            #expect(simulator.behaviour.issueListOrder == .createAtDescending)
            _ = try await client.post("/__sim/behaviour", ["maxPageSize": .null])
            #expect(simulator.behaviour.maxPageSize == nil)
            #expect(try await client.post("/__sim/behaviour", ["timeWindowUnits": "seconds"]).status == 400)
            #expect(try await client.post("/__sim/behaviour", ["timeWindowUnit": "hours"]).status == 400)

            _ = try await client.post("/__sim/rate-limits", ["perKeyPerMinute": 1, "window": "fixed"])
            #expect(try await client.get("/api/v1/validate").status == 200)
            #expect(try await client.get("/api/v1/validate").status == 401)
            let dump = try await client.get("/__sim/state").json
            #expect(dump["rateLimits"]?["window"] == "fixed")
            #expect(dump["behaviour"]?["levelFormat"] == "legacyInteger")
        }
    }

    @Test("faults can be added and cleared over HTTP")
    func faults() async throws {
        try await withSimulator { _, client async throws in
            let added = try await client.post("/__sim/faults", ["effect": "status", "status": 502, "count": 2])
            #expect(added.status == 200)
            #expect(try await client.get("/api/v1/validate").status == 502)
            _ = try await client.send(.DELETE, "/__sim/faults")
            #expect(try await client.get("/api/v1/validate").status == 200)
            #expect(try await client.post("/__sim/faults", ["effect": "explode"]).status == 400)
        }
    }

    @Test("the state dump counts requests per endpoint and status; reset clears it")
    func stateDumpAndReset() async throws {
        try await withSimulator { _, client async throws in
            _ = try await client.addIssue(name: "one")
            _ = try await client.get("/api/v1/issue/issue_missing/get")
            let dump = try await client.get("/__sim/state").json
            #expect(dump["issues"]?.arrayValue?.count == 1)
            #expect(dump["replies"]?.arrayValue?.count == 1)
            let counts = dump["requests"]?["countsByEndpoint"]
            #expect(counts?["POST /api/v1/issue/add"]?["200"] == 1)
            #expect(counts?["GET /api/v1/issue/{uuid}/get"]?["404"] == 1)
            #expect(dump["requests"]?["throttled"] == 0)
            #expect(dump["requests"]?["log"]?.arrayValue?.count == 2)

            _ = try await client.post("/__sim/reset")
            let after = try await client.get("/__sim/state").json
            #expect(after["issues"] == [])
            #expect(after["requests"]?["total"] == 0)
        }
    }
}
