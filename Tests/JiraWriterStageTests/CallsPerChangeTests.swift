import Foundation
import JiraWriter
import PipelineTesting
import SyncCore
import Testing

/// How many Jira calls one change costs (read from the simulator's request counts), and that the
/// reads left out are not needed: an add whose outcome is unknown is still found, never repeated.
@Suite("jira-writer: Jira calls per change")
struct CallsPerChangeTests {
    /// The requests served since `before`, per `"METHOD /route status"`, without the zero ones.
    static func delta(_ before: JiraSimState, _ after: JiraSimState) -> [String: Int] {
        after.requestCounts.compactMapValues { $0 }.reduce(into: [:]) { result, entry in
            let added = entry.value - (before.requestCounts[entry.key] ?? 0)
            if added > 0 { result[entry.key] = added }
        }
    }

    /// `event` as guance-poller would observe it now, while the writer runs: past
    /// `HostClocks.tolerance` after the writer's start (an event observed before a writer
    /// started may have been attempted by an older release, so it lists the comments first).
    static func observedNow(_ event: SyncEvent) -> SyncEvent {
        SyncEvent(body: event.body, occurredAt: event.occurredAt, observedAt: Date().addingTimeInterval(HostClocks.tolerance + 60))
    }

    @Test("a new issue: label search, create, remote link and one read; a new reply on it: the add alone")
    func newIssueAndReply() async throws {
        try await WriterDeployment.with { harness in
            let writer = try harness.startWriter()
            // A first issue takes the writer's start-up calls (flavour, account, metadata) out of the count.
            let warmUp = GuanceEvents.issueUUID()
            try await harness.publish([GuanceEvents.snapshot(warmUp)])
            #expect(try await harness.eventually { try await !harness.jiraState().issues(forGuance: warmUp).isEmpty })
            let issue = GuanceEvents.issueUUID()
            let start = try await harness.jiraState()
            try await harness.publish([GuanceEvents.snapshot(issue)])
            #expect(try await harness.eventually { try await !harness.jiraState().issues(forGuance: issue).isEmpty })
            // The link is recorded after the last call: wait for the effect, then count.
            #expect(try await harness.eventually { try await harness.effectCount("jira_issue_created") >= 2 })
            let created = try await harness.jiraState()
            let issueCalls = Self.delta(start, created)
            #expect(issueCalls.values.reduce(0, +) == 4, "calls for a new issue: \(issueCalls)")
            #expect(issueCalls.keys.contains { $0.hasPrefix("POST /rest/api/3/search/jql") })
            #expect(issueCalls.keys.contains { $0.hasPrefix("POST /rest/api/3/issue ") })
            #expect(issueCalls.keys.contains { $0.contains("/remotelink") })
            #expect(issueCalls.keys.filter { $0.hasPrefix("GET ") }.count == 1, "one read after the create: \(issueCalls)")

            let reply = GuanceEvents.replyUUID()
            try await harness.publish([Self.observedNow(GuanceEvents.reply(issue, reply: reply, text: "已重启 mysql-01"))])
            #expect(try await harness.waitForComment(ofReply: reply))
            #expect(try await harness.eventually { try await harness.effectCount("jira_comment_added") >= 1 })
            let replied = try await harness.jiraState()
            let replyCalls = Self.delta(created, replied)
            #expect(replyCalls == ["POST /rest/api/3/issue/{issue}/comment 201": 1], "calls for a new reply: \(replyCalls)")
            try await harness.stop(writer)
        }
    }

    @Test("a comment add whose outcome is unknown (the connection dropped after Jira added it): the retry lists the comments and links it, no second comment")
    func ambiguousAddIsFound() async throws {
        try await WriterDeployment.with { harness in
            let issue = GuanceEvents.issueUUID()
            try await harness.publish([GuanceEvents.snapshot(issue)])
            let writer = try harness.startWriter()
            #expect(try await harness.eventually { try await !harness.jiraState().issues(forGuance: issue).isEmpty })
            try await harness.jiraControl(.POST, "/__sim/faults", body: [
                "kind": "dropAfterHandling", "method": "POST", "pathContains": "/comment", "count": 1,
            ])
            let reply = GuanceEvents.replyUUID()
            let marker = GuanceEvents.replyUUID()
            // Observed after the writer started: no listing before the first add (the path whose
            // unknown outcome must leave the intent for the retry to list).
            try await harness.publish([
                Self.observedNow(GuanceEvents.reply(issue, reply: reply, text: "added, answer lost")),
                Self.observedNow(GuanceEvents.reply(issue, reply: marker, text: "after", minute: 2)),
            ])
            #expect(try await harness.waitForComment(ofReply: marker))
            let state = try await harness.jiraState()
            #expect(state.comments(forReply: reply).count == 1, "the add with an unknown outcome was repeated")
            #expect(state.requestCounts.filter { $0.key.hasPrefix("GET /rest/api/3/issue/{issue}/comment ") }.values.reduce(0, +) >= 1,
                    "the retry did not list the comments")
            try await harness.stop(writer)
        }
    }
}
