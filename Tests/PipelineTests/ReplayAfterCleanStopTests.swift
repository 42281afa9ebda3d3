import Foundation
import PipelineTesting
import Testing

/// Writers stopped cleanly (SIGTERM, exit 0) have left their consumer group, so `syncctl replay`
/// right after takes the group over without `--force`.
@Suite("Replay after a clean stop", .serialized)
struct ReplayAfterCleanStopTests {
    typealias Support = PipelineTestSupport

    @Test("two jira-writers stopped with SIGTERM: replay --from-beginning succeeds at once, without --force")
    func replayAfterCleanStop() async throws {
        let deployment = try await TestDeployment()
        let config = try deployment.writeConfiguration()
        var writers: [ChildProcess] = []
        for _ in 0..<2 {
            writers.append(try deployment.startStage(
                "jira-writer", configurationPath: config, extraEnvironment: ["GUANCE_REQUESTS_PER_MINUTE": "3"]))
        }
        // Both members own partitions: the group is up with two members (12 partitions split).
        let split = try await Support.eventually(timeout: .seconds(120)) { () -> Bool? in
            let assigned = deployment.logLines(of: "jira-writer").filter { $0.contains("Kafka partitions assigned") }
            return assigned.count >= 2 ? true : nil
        }
        try #require(split == true, "the writers never got partitions; logs in \(deployment.directory.path)")
        for writer in writers { writer.terminate() }
        for writer in writers {
            #expect(try await writer.waitForExit(timeout: .seconds(60)) == 0, "a writer did not stop cleanly")
        }
        let started = ContinuousClock.now
        let replay = try ChildProcess(
            [
                "replay", "--brokers", deployment.bootstrap, "--group", "guance-jira-sync.jira-writer",
                "--topic", "guance.events.v1", "--from-beginning", "--yes", "--timeout", "30",
            ],
            executable: "syncctl")
        let status = try await replay.waitForExit(timeout: .seconds(90))
        let took = ContinuousClock.now - started
        #expect(status == 0, "replay refused after a clean stop (\(took)):\n\(replay.lines.joined(separator: "\n"))\n\(replay.errorLines.joined(separator: "\n"))")
        #expect(replay.lines.contains { $0.hasPrefix("applied: group guance-jira-sync.jira-writer") }, "\(replay.lines)")
        print("replay after a clean stop took \(took)")
        await deployment.stop()
    }
}
