import Foundation
import GuancePoller
import Logging
import StageRuntime
import SyncCore
import Testing

@testable import GuancePollerStage

/// The configuration reaches the reply-check planner.
@Suite("guance-poller settings")
struct PollerSettingsTests {
    @Test("guance.replyCheckMaxSeconds and closedReplyCheckSeconds bound the reply-check back-off")
    func replyCheckIntervals() throws {
        let yaml = """
            guance: {baseURL: "https://openapi.guance.com", replyCheckMaxSeconds: 240, closedReplyCheckSeconds: 600}
            jira: {baseURL: "https://jira.example.com"}
            routing: {default: {project: OPS, issueType: "10004"}}
            """
        let context = StageContext(
            stage: "guance-poller", logger: Logger(label: "poller-settings-tests"),
            kafka: StageKafka(brokers: ["127.0.0.1:9"], clientID: "poller-settings-tests"),
            configuration: try SyncConfiguration.parse(yaml), environment: [:], readiness: Readiness())
        let planner = PollPlanner(configuration: PollerSettings(context: context, requestsPerMinute: 20).planner)
        #expect(planner.backoffInterval(quietChecks: 0) == 60)
        #expect(planner.backoffInterval(quietChecks: 10) == 240)
        #expect(planner.backoffInterval(quietChecks: 0, isOpen: false) == 600)
    }
}
