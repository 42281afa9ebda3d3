import Foundation
import PipelineTesting
import SimulatorControl
import Testing

/// guance-poller and jira-writer as separate processes against the simulators and the dev broker:
/// 200 Guance issues become exactly 200 Jira issues with the right comments, never throttled;
/// the endpoints of both stages are scraped while they run.
@Suite("Guance → Jira pipeline", .serialized)
struct GuanceToJiraPipelineTests {
    typealias Support = PipelineTestSupport

    /// The Guance simulator enforces 1,200 requests/min per key and per workspace here, the stages
    /// budget 700 + 500 of it: the same limiters at 60× (per key) and 6× (per workspace) the
    /// production rates, so 200 issues fit in a CI run. The behaviour at exactly 20/min is covered
    /// by the guance-poller stage tests.
    @Test("200 issues (monitor- and human-made, Chinese titles, HTML) → exactly 200 Jira issues, right comments, zero throttles")
    func twoHundredIssues() async throws {
        let deployment = try await TestDeployment(simulatorArguments: ["--guance-requests-per-minute", "1200"])
        let control = Support.control(deployment)
        try await control.guanceRateLimits(perKey: 1200, perWorkspace: 1200)
        var expectedReplies: [String: [String]] = [:]
        for index in 0..<200 {
            let monitor = index.isMultiple(of: 2)
            let uuid = try await control.guanceCreateIssue(
                name: "数据库连接数过高 #\(index) (host-\(index % 7))",
                description: "<p>Connections at <b>9\(index % 10)%</b> on <code>db-\(index)</code></p><ul><li>主库</li></ul>",
                level: ["system_level_0", "system_level_1", "system_level_2", "system_level_3"][index % 4],
                resourceType: "checker", resource: "mysql-\(index % 5)", actor: monitor ? "monitor" : nil)
            let replies = (0..<(index % 3)).map { "回复 \(index)-\($0): 已处理，请确认" }
            for reply in replies {
                try await control.guanceMemberReplies(issue: uuid, content: reply)
            }
            expectedReplies[uuid] = replies
        }
        let config = try deployment.writeConfiguration()
        let poller = try deployment.startStage(
            "guance-poller", configurationPath: config, extraEnvironment: ["GUANCE_REQUESTS_PER_MINUTE": "700"])
        let writer = try deployment.startStage(
            "jira-writer", configurationPath: config, extraEnvironment: ["GUANCE_REQUESTS_PER_MINUTE": "500"])
        let expectedComments = expectedReplies.values.map(\.count).reduce(0, +)

        let converged = try await Support.eventually(timeout: .seconds(300)) { () -> [String: [(key: String, comments: [String], category: String)]]? in
            let byLabel = Support.jiraByLabel(try await control.jiraState())
            let comments = byLabel.values.flatMap { $0 }.map(\.comments.count).reduce(0, +)
            return byLabel.count == 200 && comments >= expectedComments ? byLabel : nil
        }
        let byLabel = try #require(converged, "did not converge; logs in \(deployment.directory.path)")

        for (uuid, replies) in expectedReplies {
            let issues = byLabel["guance-\(uuid)"] ?? []
            #expect(issues.count == 1, "Jira issues for \(uuid): \(issues.map(\.key))")
            let comments = issues.first?.comments ?? []
            #expect(comments.count == replies.count, "comments of \(uuid): \(comments)")
            for (reply, comment) in zip(replies, comments) {
                #expect(comment.contains(reply), "\(comment) should carry \(reply)")
            }
        }
        let requests = try await control.guanceRequests()
        #expect(requests.throttled == 0, "throttled Guance requests: \(requests.throttled) of \(requests.total)")

        // Both stages' endpoints while they run.
        for (stage, counter) in [("guance-poller", "sync_events_produced_total"), ("jira-writer", "sync_events_consumed_total")] {
            let port = try await deployment.httpPort(of: stage)
            #expect(try await Support.get("http://127.0.0.1:\(port)/healthz").status == 200)
            let ready = try await Support.get("http://127.0.0.1:\(port)/readyz")
            #expect(ready.status == 200, "\(stage) not ready: \(ready.body)")
            let metrics = try await Support.get("http://127.0.0.1:\(port)/metrics").body
            #expect(Support.metric(counter, ["stage": stage], in: metrics) >= Double(200 + expectedComments), "\(stage): \(metrics)")
            if stage == "jira-writer" {
                #expect(Support.metric("sync_api_requests_total", ["api": "jira"], in: metrics) > 0)
                #expect(Support.metric("sync_end_to_end_delay_seconds_count", in: metrics) >= 200)
            }
        }
        poller.terminate()
        writer.terminate()
        #expect(try await poller.waitForExit(timeout: .seconds(30)) == 0)
        #expect(try await writer.waitForExit(timeout: .seconds(30)) == 0)
        await deployment.stop()
    }
}
