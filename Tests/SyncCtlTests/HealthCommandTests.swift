import Foundation
import PipelineTesting
import Testing

/// `syncctl health`, the containers' health probe, against a real HTTP server (the Jira simulator).
@Suite("syncctl health", .serialized)
struct HealthCommandTests {
    @Test("exits 0 on a 2xx answer, 1 on any other status and when nothing listens")
    func probes() async throws {
        let sim = try ChildProcess(["sim"], executable: "sync-dev")
        let line = try #require(try await sim.waitForLine { $0.hasPrefix("JIRA_BASE_URL=") }, "\(sim.lines)")
        let jira = String(line.dropFirst("JIRA_BASE_URL=".count))

        let healthy = try await Self.health(jira + "/__sim/state")
        #expect(healthy.status == 0)
        #expect(healthy.output.hasPrefix("healthy: "), "\(healthy.output)")

        let unauthorized = try await Self.health(jira + "/rest/api/2/myself")
        #expect(unauthorized.status == 1, "an HTTP 401 is not healthy")

        sim.terminate()
        #expect(try await sim.waitForExit(timeout: .seconds(30)) == 0)
        let gone = try await Self.health(jira + "/__sim/state")
        #expect(gone.status == 1, "nothing listening is not healthy")

        let usage = try await Self.health("ftp://example.com/healthz")
        #expect(usage.status == 64)
    }

    static func health(_ url: String) async throws -> (status: Int32, output: String) {
        try await OperationsFixture.syncctl(["health", "--url", url, "--timeout", "3"])
    }
}
