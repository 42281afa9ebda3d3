import Foundation
import GuanceSimulator
import RichText
import Testing

@Suite("Injected faults")
struct FaultTests {
    @Test("a 503 fault hits the next matching request only")
    func serverErrorOnce() async throws {
        try await withSimulator { simulator, client async throws in
            simulator.injectFault(GuanceFault(.status(503), method: "POST", pathContains: "/issue/list", count: 1))
            #expect(try await client.get("/api/v1/validate").status == 200)
            let failed = try await client.list()
            #expect(failed.status == 503)
            #expect(try await client.list().status == 200)
            #expect(simulator.stats.injectedFaults == 1)
            #expect(simulator.stateDump()["faults"] == 0)
            #expect(simulator.stats.count("POST /api/v1/issue/list", status: 503) == 1)
        }
    }

    @Test("a throttle fault looks like the real thing but is not counted as organic throttling")
    func throttleFault() async throws {
        try await withSimulator { simulator, client async throws in
            simulator.injectFault(GuanceFault(.throttleWorkspace))
            let response = try await client.get("/api/v1/validate")
            #expect(response.status == 401)
            #expect(response.errorCode == "ft.TriggerApiWorkspaceCurrentLimiting")
            #expect(simulator.stats.throttled == 0)
        }
    }

    @Test("malformed JSON is a 200 whose body does not parse")
    func malformedJSON() async throws {
        try await withSimulator { simulator, client async throws in
            simulator.injectFault(GuanceFault(.malformedJSON))
            let (status, bytes) = try await client.sendRaw(.POST, "/api/v1/issue/list", body: [:])
            #expect(status == 200)
            #expect(throws: (any Error).self) { try JSONDecoder().decode(JSONValue.self, from: Data(bytes)) }
        }
    }

    @Test("a dropped connection fails the request, and the next one works")
    func dropConnection() async throws {
        try await withSimulator { simulator, client async throws in
            simulator.injectFault(GuanceFault(.dropConnection, count: 1))
            await #expect(throws: (any Error).self) { _ = try await client.sendRaw(.GET, "/api/v1/validate") }
            #expect(try await client.get("/api/v1/validate").status == 200)
            #expect(simulator.stats.count("GET /api/v1/validate", status: 0) == 1)
        }
    }

    @Test("latency delays the answer, then the request is handled normally")
    func latency() async throws {
        try await withSimulator { simulator, client async throws in
            simulator.injectFault(GuanceFault(.latency(.milliseconds(50))))
            let start = ContinuousClock.now
            #expect(try await client.get("/api/v1/validate").status == 200)
            #expect(ContinuousClock.now - start >= .milliseconds(50))
        }
    }

    @Test("an unlimited fault lasts until cleared; faults never touch the control API")
    func untilCleared() async throws {
        try await withSimulator { simulator, client async throws in
            simulator.injectFault(GuanceFault(.status(500), count: nil))
            #expect(try await client.get("/api/v1/validate").status == 500)
            #expect(try await client.get("/api/v1/validate").status == 500)
            #expect(try await client.get("/__sim/state").status == 200)
            simulator.clearFaults()
            #expect(try await client.get("/api/v1/validate").status == 200)
        }
    }
}
