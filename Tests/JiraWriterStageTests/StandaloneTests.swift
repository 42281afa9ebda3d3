import Foundation
import PipelineTesting
import Testing

/// jira-writer started alone — no other stage, fresh topics — becomes ready, applies an event
/// published after it started, and stops on SIGTERM within its drain timeout, also while its
/// handlers wait for Guance budget (the back-link), writing nothing after it logged `stopping`.
@Suite("jira-writer: alone, and stopping while waiting for Guance budget")
struct JiraWriterStandaloneTests {
    @Test("ready on fresh topics, applies an event published after the start, exits 0 within the drain timeout")
    func alone() async throws {
        try await WriterDeployment.with { harness in
            let writer = try harness.startWriter()
            let probe = StageProbe(harness.deployment, stage: "jira-writer")
            let notReady = try await probe.waitUntilReady(timeout: .seconds(60))
            #expect(notReady == nil, "/readyz never answered 200: \(notReady ?? "")")

            let issue = GuanceEvents.issueUUID()
            try await harness.publish([GuanceEvents.snapshot(issue)])
            let created = try await harness.eventually(timeout: .seconds(60)) {
                try await !harness.jiraState().issues(forGuance: issue).isEmpty
            }
            #expect(created, "the event published after the start was never applied")

            let (status, elapsed) = try await StageProbe.stop(writer)
            print("MEASURED jira-writer alone: exit \(status.map(String.init) ?? "none") \(elapsed) after SIGTERM")
            #expect(status == 0, "exit status \(status.map(String.init) ?? "none: still running, killed")")
            #expect(elapsed < StageProbe.defaultDrainTimeout, "took \(elapsed) to exit after SIGTERM")
        }
    }

    /// One Guance request per minute: the back-link reads the Guance issue with it, then waits a
    /// minute for the budget of its modify. SIGTERM during that wait must end it at once.
    @Test("SIGTERM while the back-link waits for Guance budget: exits 0 within the drain timeout, writes nothing more")
    func stopsWhileWaitingForBudget() async throws {
        try await WriterDeployment.with(policies: "  backlink: linkList") { harness in
            let created = try await harness.guanceControl(.POST, "/__sim/issues", body: ["name": "磁盘空间不足"])
            let issue = try #require((created as? [String: Any])?["uuid"] as? String)
            try await harness.publish([GuanceEvents.snapshot(issue)])
            // A drain timeout far above the bound checked below: the wait must end at SIGTERM, not
            // when the drain timeout escalates the stop to cancellation.
            let writer = try harness.startWriter(["GUANCE_REQUESTS_PER_MINUTE": "1", "SYNC_DRAIN_TIMEOUT_SECONDS": "120"])
            func guanceRequests() async throws -> Int {
                let state = try await harness.guanceControl(.GET, "/__sim/state") as? [String: Any]
                return ((state?["requests"] as? [String: Any])?["total"] as? NSNumber)?.intValue ?? -1
            }
            // The Jira issue exists and the one request of the minute (the issue read) is spent:
            // the handler now waits for the budget of the back-link's modify.
            let waiting = try await harness.eventually(timeout: .seconds(60)) {
                let created = try await !harness.jiraState().issues(forGuance: issue).isEmpty
                let requests = try await guanceRequests()
                return created && requests == 1
            }
            try #require(waiting, "the back-link never started")
            let jiraBefore = try await harness.jiraState().writes
            let guanceBefore = try await guanceRequests()

            let (status, elapsed) = try await StageProbe.stop(writer)
            print("MEASURED jira-writer waiting for budget: exit \(status.map(String.init) ?? "none") \(elapsed) after SIGTERM")
            #expect(status == 0, "exit status \(status.map(String.init) ?? "none: still running, killed")")
            #expect(elapsed < StageProbe.defaultDrainTimeout, "took \(elapsed) to exit after SIGTERM")
            #expect(!StageProbe(harness.deployment, stage: "jira-writer").logLines(withMessage: "stopping").isEmpty)
            #expect(try await harness.jiraState().writes == jiraBefore, "Jira written after `stopping`")
            #expect(try await guanceRequests() == guanceBefore, "Guance called after `stopping`")
        }
    }
}
