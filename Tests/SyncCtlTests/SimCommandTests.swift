import AsyncHTTPClient
import Foundation
import NIOCore
import PipelineTesting
import Testing

/// `sync-dev sim` as a developer runs it: a separate process, real sockets.
@Suite("sync-dev sim", .serialized)
struct SimCommandTests {
    @Test("prints both base URLs, serves both APIs with the chosen options, and stops on SIGTERM")
    func runsBothSimulators() async throws {
        let urlFile = FileManager.default.temporaryDirectory.appendingPathComponent("sim-\(UUID().uuidString).env")
        defer { try? FileManager.default.removeItem(at: urlFile) }
        let sim = try ChildProcess(
            [
                "sim", "--jira-flavour", "data-center", "--jira-locale", "zh_CN", "--guance-requests-per-minute", "3",
                "--guance-behaviour", #"{"timeWindowField":"updateAt"}"#, "--url-file", urlFile.path,
            ],
            executable: "sync-dev")
        let guanceLine = try #require(try await sim.waitForLine { $0.hasPrefix("GUANCE_BASE_URL=") }, "\(sim.lines)")
        let jiraLine = try #require(try await sim.waitForLine { $0.hasPrefix("JIRA_BASE_URL=") }, "\(sim.lines)")
        #expect(Set(sim.lines.prefix(2)) == [guanceLine, jiraLine], "the base URLs come first")
        let guance = String(guanceLine.dropFirst("GUANCE_BASE_URL=".count))
        let jira = String(jiraLine.dropFirst("JIRA_BASE_URL=".count))
        #expect(guance.hasPrefix("http://127.0.0.1:") && jira.hasPrefix("http://127.0.0.1:"))
        let written = try #require(try await Self.eventually { try? String(contentsOf: urlFile, encoding: .utf8) })
        #expect(Set(written.split(separator: "\n").map(String.init)) == [guanceLine, jiraLine])

        // Guance: the simulated key works, and the per-key limit is the one asked for (3/min → 4th is 401).
        var statuses: [UInt] = []
        for _ in 0..<4 {
            var request = HTTPClientRequest(url: guance + "/api/v1/channel/quick_list")
            request.headers.add(name: "DF-API-KEY", value: "1TfqACVBz0WKXLajZIlw9475RshmOQ6t")
            statuses.append(UInt(try await HTTPClient.shared.execute(request, timeout: .seconds(10)).status.code))
        }
        #expect(statuses == [200, 200, 200, 401])

        // Jira: Data Center flavour, sync account in zh_CN.
        let serverInfo = try await Self.json(jira + "/rest/api/2/serverInfo", bearer: "sync-token")
        #expect(serverInfo["deploymentType"] as? String == "DataCenter")
        let myself = try await Self.json(jira + "/rest/api/2/myself", bearer: "sync-token")
        #expect(myself["locale"] as? String == "zh_CN")

        sim.terminate()
        #expect(try await sim.waitForExit(timeout: .seconds(30)) == 0)
    }

    @Test("refuses unknown behaviour settings with a non-zero exit")
    func refusesUnknownBehaviour() async throws {
        let sim = try ChildProcess(["sim", "--guance-behaviour", #"{"noSuchSetting":true}"#], executable: "sync-dev")
        let status = try await sim.waitForExit(timeout: .seconds(30))
        #expect(status != nil && status != 0)
        #expect(!sim.lines.contains { $0.hasPrefix("GUANCE_BASE_URL=") })
    }

    static func json(_ url: String, bearer: String) async throws -> [String: Any] {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Authorization", value: "Bearer \(bearer)")
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        return try JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any] ?? [:]
    }

    static func eventually<T>(_ probe: () -> T?) async throws -> T? {
        for _ in 0..<500 {
            if let value = probe() { return value }
            try await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }
}
