import Foundation
import PipelineTesting
import Testing

/// `policies.integrationReplies`: a Guance reply written through another integration's API key
/// (PagerDuty here) is left out (`skip`, the default) or mirrored attributed to the key's name as an
/// integration (`mirror`), with guance-poller and jira-writer as separate processes.
@Suite("Replies of other integrations", .serialized)
struct IntegrationRepliesTests {
    typealias Support = PipelineTestSupport

    static let pagerDutyKey = "wsak_0d0e0a0d0b0e0e0f0000000000000001"

    @Test("skip leaves another integration's reply out; mirror carries it as '<key name> (integration)'", arguments: ["skip", "mirror"])
    func integrationReplies(policy: String) async throws {
        let deployment = try await TestDeployment(simulatorArguments: ["--guance-requests-per-minute", "1200"])
        let control = Support.control(deployment)
        try await control.guanceRateLimits(perKey: 1200, perWorkspace: 1200)
        let issue = try await control.guanceCreateIssue(
            name: "支付网关超时", description: "<p>p99 above 2 s</p>", resourceType: "checker", resource: "payments",
            actor: "monitor")
        // The integration writes first, so in `skip` mode its reply would have been handled (same
        // issue, same partition, in order) before the member's reply shows up in Jira.
        try await control.guanceIntegrationReplies(
            issue: issue, content: "PagerDuty incident P7 acknowledged by on-call", keyID: Self.pagerDutyKey,
            keyName: "PagerDuty")
        try await control.guanceMemberReplies(issue: issue, content: "我来处理 (on it)")
        let config = try deployment.writeConfiguration(
            deployment.defaultConfiguration() + "\npolicies:\n  integrationReplies: \(policy)\n")
        let poller = try deployment.startStage(
            "guance-poller", configurationPath: config, extraEnvironment: ["GUANCE_REQUESTS_PER_MINUTE": "600"])
        let writer = try deployment.startStage(
            "jira-writer", configurationPath: config, extraEnvironment: ["GUANCE_REQUESTS_PER_MINUTE": "300"])
        let expectedComments = policy == "mirror" ? 2 : 1

        let label = "guance-\(issue)"
        let mirrored = try await Support.eventually(timeout: .seconds(180)) { () -> [String]? in
            let comments = Support.jiraByLabel(try await control.jiraState())[label]?.first?.comments ?? []
            return comments.count >= expectedComments && comments.contains { $0.contains("我来处理") } ? comments : nil
        }
        // Plain text of the comments with runs of whitespace (between rich-text runs) collapsed.
        let comments = try #require(mirrored, "the member's reply never reached Jira; logs in \(deployment.directory.path)")
            .map { $0.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        let integration = comments.filter { $0.contains("PagerDuty incident P7") }
        if policy == "mirror" {
            #expect(integration.count == 1, "\(comments)")
            #expect(integration.first?.hasPrefix("PagerDuty (integration) wrote in Guance") == true, "\(integration)")
            #expect(integration.first?.contains("张伟") == false, "an integration's reply must not be attributed to a person")
        } else {
            #expect(integration.isEmpty, "skipped integration reply reached Jira: \(comments)")
        }
        #expect(comments.count == expectedComments, "\(comments)")
        #expect(comments.contains { $0.hasPrefix("张伟 wrote in Guance") }, "\(comments)")
        // The poller published exactly the replies the policy lets through.
        let port = try await deployment.httpPort(of: "guance-poller")
        let metrics = try await Support.get("http://127.0.0.1:\(port)/metrics").body
        #expect(
            Support.metric("sync_events_produced_total", ["type": "guance.reply.created"], in: metrics)
                == Double(expectedComments), "\(metrics)")

        poller.terminate()
        writer.terminate()
        #expect(try await poller.waitForExit(timeout: .seconds(60)) == 0)
        #expect(try await writer.waitForExit(timeout: .seconds(60)) == 0)
        await deployment.stop()
    }
}
