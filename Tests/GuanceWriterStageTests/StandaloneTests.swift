import Foundation
import PipelineTesting
import SyncCore
import Testing

/// guance-writer started alone — no other stage, fresh topics — becomes ready, applies an event
/// published after it started, and stops on SIGTERM within its drain timeout, also when more
/// records than it handles at once wait for an exhausted Guance budget, writing nothing after it
/// logged `stopping`.
@Suite("guance-writer: alone, and stopping while waiting for Guance budget")
struct GuanceWriterStandaloneTests {
    @Test("ready on fresh topics, applies an event published after the start, exits 0 within the drain timeout")
    func alone() async throws {
        try await WriterDeployment.with { env in
            let writer = try env.startWriter()
            let probe = StageProbe(env.deployment, stage: "guance-writer")
            let notReady = try await probe.waitUntilReady(timeout: .seconds(60))
            #expect(notReady == nil, "/readyz never answered 200: \(notReady ?? "")")

            let uuid = try await env.createGuanceIssue("linked after the start")
            let jira = JiraIssueRef(id: "301", key: "OPS-301")
            try await env.link(jiraIssueId: jira.id, key: jira.key, to: uuid)
            try await env.produce([JiraEvents.created(jira, "40001", "a comment after the start")])
            try await WriterDeployment.eventually("the comment mirrored") {
                try await env.state().replies(of: uuid, mirroring: "40001").count == 1
            }

            let (status, elapsed) = try await StageProbe.stop(writer)
            print("MEASURED guance-writer alone: exit \(status.map(String.init) ?? "none") \(elapsed) after SIGTERM")
            #expect(status == 0, "exit status \(status.map(String.init) ?? "none: still running, killed")")
            #expect(elapsed < StageProbe.defaultDrainTimeout, "took \(elapsed) to exit after SIGTERM")
        }
    }

    /// One Guance request per minute, spent by the start-up key check: the first record's handler
    /// waits a minute for budget, and 40 records of one issue fill the writer's 32 places, so the
    /// consumer itself waits for room. SIGTERM must end every one of those waits at once.
    @Test("SIGTERM with a full writer waiting for Guance budget: exits 0 within the drain timeout, no request after `stopping`")
    func stopsWhileWaitingForBudget() async throws {
        try await WriterDeployment.with { env in
            let uuid = try await env.createGuanceIssue("budget exhausted")
            let jira = JiraIssueRef(id: "302", key: "OPS-302")
            try await env.link(jiraIssueId: jira.id, key: jira.key, to: uuid)
            try await env.produce((1...40).map { JiraEvents.created(jira, "5\($0)", "comment \($0)") })
            let requestsBefore = try await env.state().total
            // A drain timeout far above the bound checked below: the waits must end at SIGTERM,
            // not when the drain timeout escalates the stop to cancellation.
            let writer = try env.startWriter(requestsPerMinute: 1, environment: ["SYNC_DRAIN_TIMEOUT_SECONDS": "120"])
            let probe = StageProbe(env.deployment, stage: "guance-writer")
            try await WriterDeployment.eventually("a record in the handler while the minute's request is spent") {
                let consumed = (try? await probe.metric("sync_events_consumed_total")) ?? 0
                let requests = try await env.state().total
                return consumed >= 1 && requests == requestsBefore + 1
            }
            let guanceBefore = try await env.state().total

            let (status, elapsed) = try await StageProbe.stop(writer)
            print("MEASURED guance-writer waiting for budget: exit \(status.map(String.init) ?? "none") \(elapsed) after SIGTERM")
            #expect(status == 0, "exit status \(status.map(String.init) ?? "none: still running, killed")")
            #expect(elapsed < StageProbe.defaultDrainTimeout, "took \(elapsed) to exit after SIGTERM")
            #expect(!probe.logLines(withMessage: "stopping").isEmpty)
            let after = try await env.state()
            #expect(after.total == guanceBefore, "Guance called after `stopping`")
            #expect(after.replies(of: uuid).isEmpty)
        }
    }
}
