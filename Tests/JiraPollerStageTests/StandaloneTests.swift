import Foundation
import PipelineTesting
import Testing

/// jira-poller started alone — no other stage, fresh topics (no link, no checkpoint), an empty
/// Jira project — must become ready, publish a comment made after it started, and stop on SIGTERM
/// within its drain timeout.
@Suite("jira-poller: alone on an empty site")
struct JiraPollerStandaloneTests {
    @Test("ready on an empty site, publishes a comment made after the start, exits 0 within the drain timeout")
    func emptySite() async throws {
        let bed = try await PollerTestBed()
        do {
            let poller = try bed.startPoller()
            let probe = StageProbe(bed.deployment, stage: "jira-poller")
            let notReady = try await probe.waitUntilReady(timeout: .seconds(60))
            #expect(notReady == nil, "/readyz never answered 200: \(notReady ?? "")")

            // Created and linked as jira-writer does (only linked issues are watched).
            let issue = try await bed.createLinkedIssue(summary: "[Guance] created after the start")
            _ = try await bed.jira.addComment(as: JiraSimControl.human, issue: issue.key, text: "late comment")
            let events = try await bed.waitForEvents { $0.map(describe).contains("created:late comment") }
            #expect(events.map(describe).contains("created:late comment"), "the comment was never published")

            let (status, elapsed) = try await StageProbe.stop(poller)
            print("MEASURED jira-poller alone: exit \(status.map(String.init) ?? "none") \(elapsed) after SIGTERM")
            #expect(status == 0, "exit status \(status.map(String.init) ?? "none: still running, killed")")
            #expect(elapsed < StageProbe.defaultDrainTimeout, "took \(elapsed) to exit after SIGTERM")
        } catch {
            await bed.stop()
            throw error
        }
        await bed.stop()
    }
}
