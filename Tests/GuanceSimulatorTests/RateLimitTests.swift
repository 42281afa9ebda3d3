import GuanceSimulator
import RichText
import Testing

@Suite("Rate limiting")
struct RateLimitTests {
    @Test("the 21st request in a minute is 401 ft.TriggerApiAkCurrentLimiting; the window slides with the clock")
    func perKeySliding() async throws {
        try await withSimulator(.testing(rateLimits: GuanceRateLimitOptions())) { simulator, client async throws in
            for _ in 0..<20 { #expect(try await client.get("/api/v1/validate").status == 200) }
            let throttled = try await client.get("/api/v1/validate")
            #expect(throttled.status == 401)
            #expect(throttled.errorCode == "ft.TriggerApiAkCurrentLimiting")
            #expect(throttled.json["success"] == false)
            #expect(simulator.stats.throttledByKey == 1)
            var other = client
            other.apiKey = secondKey.secret
            #expect(try await other.get("/api/v1/validate").status == 200)
            simulator.advanceClock(bySeconds: 59)
            #expect(try await client.get("/api/v1/validate").status == 401)
            simulator.advanceClock(bySeconds: 2)
            #expect(try await client.get("/api/v1/validate").status == 200)
            #expect(simulator.stats.throttled == 2)
            #expect(simulator.stats.count("GET /api/v1/validate", status: 401) == 2)
        }
    }

    @Test("a fixed window resets on the minute boundary")
    func fixedWindow() async throws {
        let limits = GuanceRateLimitOptions(perKeyPerMinute: 3, perWorkspacePerMinute: nil, window: .fixed)
        try await withSimulator(.testing(rateLimits: limits)) { simulator, client async throws in
            // 1_750_000_020 is a whole minute; the next starts at 1_750_000_080.
            simulator.setClock(epochSeconds: 1_750_000_070)
            for _ in 0..<3 { #expect(try await client.get("/api/v1/validate").status == 200) }
            #expect(try await client.get("/api/v1/validate").status == 401)
            simulator.advanceClock(bySeconds: 20)
            #expect(try await client.get("/api/v1/validate").status == 200)
            simulator.updateRateLimits { $0.window = .sliding }
            simulator.reset()
            for _ in 0..<3 { #expect(try await client.get("/api/v1/validate").status == 200) }
            simulator.advanceClock(bySeconds: 10)
            #expect(try await client.get("/api/v1/validate").status == 401)
        }
    }

    @Test("the workspace limit spans keys and answers ft.TriggerApiWorkspaceCurrentLimiting")
    func workspaceLimit() async throws {
        let limits = GuanceRateLimitOptions(perKeyPerMinute: 20, perWorkspacePerMinute: 3)
        try await withSimulator(.testing(rateLimits: limits)) { simulator, client async throws in
            var other = client
            other.apiKey = secondKey.secret
            #expect(try await client.get("/api/v1/validate").status == 200)
            #expect(try await other.get("/api/v1/validate").status == 200)
            #expect(try await client.get("/api/v1/validate").status == 200)
            let throttled = try await other.get("/api/v1/validate")
            #expect(throttled.status == 401)
            #expect(throttled.errorCode == "ft.TriggerApiWorkspaceCurrentLimiting")
            #expect(simulator.stats.throttledByWorkspace == 1)
        }
    }

    @Test("counting throttled requests keeps a hammering client throttled")
    func countsThrottled() async throws {
        let limits = GuanceRateLimitOptions(
            perKeyPerMinute: 2, perWorkspacePerMinute: nil, countsThrottledRequests: true)
        try await withSimulator(.testing(rateLimits: limits)) { simulator, client async throws in
            for _ in 0..<2 { #expect(try await client.get("/api/v1/validate").status == 200) }
            simulator.advanceClock(bySeconds: 40)
            for _ in 0..<3 { #expect(try await client.get("/api/v1/validate").status == 401) }
            // The two accepted requests have left the window; the three throttled ones have not.
            simulator.advanceClock(bySeconds: 21)
            #expect(try await client.get("/api/v1/validate").status == 401)
            simulator.advanceClock(bySeconds: 40)
            #expect(try await client.get("/api/v1/validate").status == 200)
            #expect(simulator.stats.throttledByKey == 4)
        }
    }

    @Test("ten simulated minutes at 20/min are never throttled")
    func tenMinutesOfPolling() async throws {
        try await withSimulator(.testing(rateLimits: GuanceRateLimitOptions())) { simulator, client async throws in
            for _ in 0..<200 {
                #expect(try await client.list().status == 200)
                simulator.advanceClock(bySeconds: 3)
            }
            #expect(simulator.stats.throttled == 0)
            #expect(simulator.stats.count("POST /api/v1/issue/list", status: 200) == 200)
        }
    }
}
