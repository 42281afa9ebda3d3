import Foundation
import PipelineTesting
import SimulatorControl
import Testing

/// The four stages in one process: `sync-dev run` on its embedded (in-memory) broker against the
/// simulators (a Guance issue reaches Jira, a Jira comment comes back, SIGTERM stops it cleanly), and
/// `syncctl run`, the production command, which needs a real broker list and has no embedded broker.
@Suite("syncctl run / sync-dev run", .serialized)
struct RunCommandTests {
    typealias Support = PipelineTestSupport

    @Test("sync-dev run: all four stages in one process on the embedded broker; both directions work, loud warning, clean stop")
    func embeddedBroker() async throws {
        let deployment = try await TestDeployment(simulatorArguments: ["--guance-requests-per-minute", "200"])
        let control = Support.control(deployment)
        let config = try deployment.writeConfiguration()
        var environment = try deployment.environment(configurationPath: config)
        environment["KAFKA_BROKERS"] = nil
        environment["GUANCE_REQUESTS_PER_MINUTE"] = "60"
        let log = deployment.directory.appendingPathComponent("sync-dev-run.log")
        let run = try ChildProcess(
            ["run", "--http-port", "0"], executable: "sync-dev", environment: environment, standardError: log)
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

    @Test("syncctl run: checks all four stages against the configured broker and APIs; no embedded broker, no dev commands")
    func productionRun() async throws {
        let deployment = try await TestDeployment()
        let config = try deployment.writeConfiguration()
        let environment = try deployment.environment(configurationPath: config)
        let check = try ChildProcess(["run", "--check-config"], executable: "syncctl", environment: environment)
        #expect(try await check.waitForExit(timeout: .seconds(120)) == 0, "--check-config of the four stages: \(check.lines)")

        var noBrokers = environment
        noBrokers["KAFKA_BROKERS"] = nil
        let refused = try ChildProcess(["run", "--http-port", "0"], executable: "syncctl", environment: noBrokers)
        #expect(try await refused.waitForExit(timeout: .seconds(60)) == 78, "no broker list is a configuration problem")
        let embedded = try ChildProcess(["run", "--embedded-broker"], executable: "syncctl", environment: noBrokers)
        #expect(try await embedded.waitForExit(timeout: .seconds(60)) == 64, "the embedded broker is sync-dev's")
        for command in ["demo", "sim", "dev-broker"] {
            let dev = try ChildProcess([command], executable: "syncctl", environment: noBrokers)
            #expect(try await dev.waitForExit(timeout: .seconds(60)) == 64, "syncctl \(command) is sync-dev's")
        }
        await deployment.stop()
    }
}
