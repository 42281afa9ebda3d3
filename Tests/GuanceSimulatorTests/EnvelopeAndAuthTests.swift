import GuanceSimulator
import RichText
import Testing

@Suite("Envelope, auth, channels and levels")
struct EnvelopeAndAuthTests {
    @Test("validate answers the documented envelope")
    func validateEnvelope() async throws {
        try await withSimulator { _, client async throws in
            let response = try await client.get("/api/v1/validate")
            #expect(response.status == 200)
            #expect(response.json["code"] == 200)
            #expect(response.json["success"] == true)
            #expect(response.json["errorCode"] == "")
            #expect(response.json["message"] == "")
            let traceId = try #require(response.json["traceId"]?.stringValue)
            #expect(!traceId.isEmpty)
        }
    }

    @Test("an unknown or missing key is 403 ft.InvalidAPIKey, never 401")
    func badKey() async throws {
        try await withSimulator { simulator, client async throws in
            var wrong = client
            wrong.apiKey = "not-a-key"
            let response = try await wrong.get("/api/v1/validate")
            #expect(response.status == 403)
            #expect(response.json["code"] == 403)
            #expect(response.json["success"] == false)
            #expect(response.errorCode == "ft.InvalidAPIKey")
            wrong.apiKey = nil
            #expect(try await wrong.post("/api/v1/issue/list").status == 403)
            #expect(simulator.stats.count("POST /api/v1/issue/list", status: 403) == 1)
            #expect(simulator.stats.throttled == 0)
        }
    }

    @Test("the wsak_ id is accepted in place of the secret only when configured")
    func keyIDInHeader() async throws {
        try await withSimulator { simulator, client async throws in
            var byID = client
            byID.apiKey = GuanceSimulatedAPIKey.jiraSystem.id
            #expect(try await byID.get("/api/v1/validate").status == 403)
            simulator.updateBehaviour { $0.acceptsKeyIDInHeader = true }
            #expect(try await byID.get("/api/v1/validate").status == 200)
        }
    }

    @Test("an unknown route is 400 RouterNotFound")
    func unknownRoute() async throws {
        try await withSimulator { _, client async throws in
            let response = try await client.get("/api/v1/issue/create")
            #expect(response.status == 400)
            #expect(response.errorCode == "RouterNotFound")
        }
    }

    @Test("quick_list is a plain array with default, live and deleted channels")
    func channelQuickList() async throws {
        try await withSimulator { simulator, client async throws in
            let response = try await client.get("/api/v1/channel/quick_list")
            #expect(response.json["pageInfo"] == nil)
            let channels = try #require(response.content.arrayValue)
            let byName = Dictionary(uniqueKeysWithValues: channels.map { ($0["name"]?.stringValue ?? "", $0) })
            #expect(byName["default"]?["uuid"]?.stringValue == simulator.defaultChannelUUID)
            #expect(byName["default"]?["deleteAt"] == -1)
            #expect(byName["ops"]?["deleteAt"] == -1)
            let retired = try #require(byName["retired"]?["deleteAt"]?.intValue)
            #expect(retired != -1)
            #expect(channels.allSatisfy { $0["uuid"]?.stringValue?.hasPrefix("chan_") == true })
        }
    }

    @Test("issue-level/list has the four system levels then custom issl_ levels")
    func levelList() async throws {
        try await withSimulator { _, client async throws in
            let levels = try #require(try await client.get("/api/v1/issue-level/list").content.arrayValue)
            #expect(
                levels.prefix(4).map { $0["uuid"] } == [
                    "system_level_0", "system_level_1", "system_level_2", "system_level_3",
                ])
            #expect(levels.prefix(4).map { $0["name"] } == ["P0", "P1", "P2", "P3"])
            #expect(levels[0]["color"] == "#E94444")
            #expect(levels.prefix(4).allSatisfy { $0["isDefault"] == true })
            let custom = try #require(levels.dropFirst(4).first)
            #expect(custom["uuid"]?.stringValue?.hasPrefix("issl_") == true)
            #expect(custom["isDefault"] == false)
            #expect(custom["id"]?.intValue != nil)
        }
    }
}
