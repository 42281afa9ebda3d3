import Foundation
import PipelineTesting
import SimulatorControl
import Testing

/// Three jira-writer processes in one consumer group share the partitions; one is SIGKILLed
/// mid-run. Nothing is lost, nothing duplicated, and each issue's comments keep their order.
@Suite("Scaled writers", .serialized)
struct WriterScalingTests {
    typealias Support = PipelineTestSupport

    @Test("3 jira-writer replicas, one killed mid-run: every issue once, every comment once and in order")
    func threeReplicasOneKilled() async throws {
        let deployment = try await TestDeployment(simulatorArguments: ["--guance-requests-per-minute", "1200"])
        let control = Support.control(deployment)
        var replies: [String: [String]] = [:]
        for index in 0..<30 {
            let uuid = try await control.guanceCreateIssue(
                name: "磁盘使用率告警 #\(index)", description: "<p>disk \(index)</p>", actor: "monitor")
            replies[uuid] = (0..<6).map { "issue \(index) step \($0) 第\($0)步" }
            for reply in replies[uuid]! {
                try await control.guanceMemberReplies(issue: uuid, content: reply)
            }
        }
        let config = try deployment.writeConfiguration()
        // A replica killed between its comment claim and the add leaves a claim the others wait out
        // (the settle time, 300 s by default, more than this test waits): 30 s as in the chaos test.
        let writerEnvironment = ["GUANCE_REQUESTS_PER_MINUTE": "150", "JIRA_WRITER_CREATE_SETTLE_SECONDS": "30"]
        var writers = try (0..<3).map { _ in
            try deployment.startStage("jira-writer", configurationPath: config, extraEnvironment: writerEnvironment)
        }
        let poller = try deployment.startStage(
            "guance-poller", configurationPath: config, extraEnvironment: ["GUANCE_REQUESTS_PER_MINUTE": "700"])

        // Kill one replica once the work is under way.
        let started = try await Support.eventually(timeout: .seconds(120)) { () -> Bool? in
            Support.jiraByLabel(try await control.jiraState()).count >= 8 ? true : nil
        }
        #expect(started == true, "no progress; logs in \(deployment.directory.path)")
        writers[1].kill()
        _ = try await writers[1].waitForExit(timeout: .seconds(10))
        writers.remove(at: 1)

        let expectedComments = replies.values.map(\.count).reduce(0, +)
        let done = try await Support.eventually(timeout: .seconds(240)) { () -> [String: [(key: String, comments: [String], category: String)]]? in
            let byLabel = Support.jiraByLabel(try await control.jiraState())
            let comments = byLabel.values.flatMap { $0 }.map(\.comments.count).reduce(0, +)
            return byLabel.count == 30 && comments >= expectedComments ? byLabel : nil
        }
        let byLabel = try #require(done, "did not converge; logs in \(deployment.directory.path)")
        // Give a duplicate (if any) the time to show up before judging.
        try await Task.sleep(for: .seconds(3))
        let final = Support.jiraByLabel(try await control.jiraState())
        #expect(final.count == byLabel.count)
        for (uuid, texts) in replies {
            let issues = final["guance-\(uuid)"] ?? []
            #expect(issues.count == 1, "Jira issues for \(uuid): \(issues.map(\.key))")
            let comments = issues.first?.comments ?? []
            #expect(comments.count == texts.count, "comments of \(uuid)")
            for (text, comment) in zip(texts, comments) {
                #expect(comment.contains(text), "order of \(uuid): \(comment) should carry \(text)")
            }
        }
        poller.terminate()
        for writer in writers { writer.terminate() }
        _ = try await poller.waitForExit(timeout: .seconds(30))
        for writer in writers { #expect(try await writer.waitForExit(timeout: .seconds(30)) == 0) }
        await deployment.stop()
    }
}
