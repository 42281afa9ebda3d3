import Foundation
import Testing

/// `guance-poller --check-config` against the simulator: the key works and the configured
/// channels exist (exit 0), or one problem per missing channel (exit 78).
@Suite("guance-poller: --check-config")
struct CheckConfigTests {
    @Test("configured channels must exist in the workspace")
    func channels() async throws {
        try await PollerDeployment.with(requestsPerMinute: 600) { setup in
            let good = try setup.deployment.startStage(
                "guance-poller", arguments: ["--check-config"], configurationPath: setup.configurationPath)
            #expect(try await good.waitForExit() == 0)
            #expect(good.lines.contains("configuration OK"))

            let yaml = try String(contentsOfFile: setup.configurationPath, encoding: .utf8)
                .replacingOccurrences(of: "channels: [default]", with: "channels: [default, ops, no-such-channel]")
            let path = try setup.deployment.writeConfiguration(yaml, name: "bad-channel.yaml")
            let bad = try setup.deployment.startStage("guance-poller", arguments: ["--check-config"], configurationPath: path)
            #expect(try await bad.waitForExit() == 78)
        }
    }
}
