import Foundation
import JiraPollerStage
import PipelineTesting
import Testing

extension JiraPollerEndToEndTests {
    @Test("--check-config: passes against a reachable site; an invisible project is reported with exit 78")
    func checkConfig() async throws {
        let bed = try await PollerTestBed(simulatorArguments: ["--jira-time-zone", "Asia/Shanghai"])
        do {
            let good = try ChildProcess(
                ["--check-config"], executable: JiraPollerStage.name,
                environment: try bed.deployment.environment(configurationPath: bed.configurationPath),
                captureStandardError: true)
            #expect(try await good.waitForExit(timeout: .seconds(60)) == 0)
            #expect(good.lines.contains("configuration OK"))

            let yaml = try String(contentsOfFile: bed.configurationPath, encoding: .utf8)
                .replacingOccurrences(of: "project: OPS", with: "project: NOPE")
            let badPath = try bed.deployment.writeConfiguration(yaml, name: "bad-project.yaml")
            let bad = try ChildProcess(
                ["--check-config"], executable: JiraPollerStage.name,
                environment: try bed.deployment.environment(configurationPath: badPath), captureStandardError: true)
            #expect(try await bad.waitForExit(timeout: .seconds(60)) == 78)
            #expect(bad.errorLines.contains { $0.contains("NOPE") })
        } catch is ExpectationFailedError {
            // Already recorded where it failed.
        } catch {
            Issue.record("\(error)")
        }
        await bed.stop()
    }
}
