import Foundation
import PipelineTesting
import ProcessTesting
import SimulatorControl
import Testing

/// `syncctl run`: the four stages in one process, here on its embedded (in-memory) broker, against
/// the simulators: a Guance issue reaches Jira, a Jira comment comes back, and SIGTERM stops it cleanly.
@Suite("syncctl run", .serialized)
struct RunCommandTests {
    typealias Support = PipelineTestSupport

    @Test("all four stages in one process with --embedded-broker: both directions work, loud warning, clean stop")
    func embeddedBroker() async throws {
        let deployment = try await TestDeployment(simulatorArguments: ["--guance-requests-per-minute", "200"])
        let control = Support.control(deployment)
        let config = try deployment.writeConfiguration()
        var environment = try deployment.environment(configurationPath: config)
        environment["KAFKA_BROKERS"] = nil
        environment["GUANCE_REQUESTS_PER_MINUTE"] = "60"
        let log = deployment.directory.appendingPathComponent("syncctl-run.log")
        let run = try ChildProcess(
            ["run", "--embedded-broker", "--http-port", "0"], executable: "syncctl", environment: environment,
            standardError: log)
        let issue = try await control.guanceCreateIssue(
            name: "run 命令 smoke", description: "<p>one process</p>", actor: "monitor")
        let created = try await Support.eventually(timeout: .seconds(120)) {
            Support.jiraByLabel(try await control.jiraState())["guance-\(issue)"]?.first
        }
        let key = try #require(created, "no Jira issue; log: \(log.path)").key
        try await control.jiraUserComments(on: key, text: "seen from the single-process install")
        let back = try await Support.eventually(timeout: .seconds(120)) { () -> Bool? in
            let (_, replies) = try await control.guanceIssue(issue)
            return replies.contains { ($0["content"] as? String ?? "").contains("single-process install") } ? true : nil
        }
        #expect(back == true, "the Jira comment did not reach Guance; log: \(log.path)")
        run.terminate()
        #expect(try await run.waitForExit(timeout: .seconds(60)) == 0)
        let stderr = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        #expect(stderr.contains("IN-MEMORY mock cluster"))
        #expect(!stderr.contains(SimulatedStageEnvironment.guanceKey) && !stderr.contains("sync-token"), "a secret reached the log")
        await deployment.stop()
    }
}
