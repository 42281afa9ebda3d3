import Foundation
import PipelineTesting
import SyncCore
import Testing

/// Two writers deciding to create the same Jira issue at once: a replica evicted from its group
/// without knowing it yet keeps handling a record while the partition's new owner handles it too.
/// Only the create intent first on the link topic may create; the other waits for its outcome.
@Suite("jira-writer: two writers racing to create one issue")
struct CreateRaceTests {
    @Test("an intent another writer wrote while this one searched wins: no second issue, the other's link is used")
    func competingIntentWins() async throws {
        try await WriterDeployment.with { harness in
            let writer = try harness.startWriter(["JIRA_WRITER_CREATE_SETTLE_SECONDS": "300"])
            _ = try await harness.deployment.httpPort(of: "jira-writer")
            // The label search is answered late: the other writer's intent lands between this
            // writer's decision basis (read before the search) and its own intent (after it).
            try await harness.jiraControl(.POST, "/__sim/faults", body: [
                "kind": "latency", "milliseconds": 15_000, "pathContains": "/search", "count": 1,
            ])
            let issue = GuanceEvents.issueUUID()
            let searchesBefore = try await harness.jiraState().searches
            try await harness.publish([GuanceEvents.snapshot(issue)])
            let searched = try await harness.eventually { try await harness.jiraState().searches > searchesBefore }
            try #require(searched)

            var intent = LinkRecord.createIntent(mark: issue, eventID: nil, at: Date())
            intent.attemptID = "other-replica"
            try await harness.recordLink(intent)
            // The other writer's create, and then its link.
            let (id, _) = try await createAsOtherReplica(harness, label: .sync(issue), summary: "created by the other replica")
            // This writer's delayed search now answers: it must not create, but wait for the other's outcome.
            let waited = try await harness.eventually {
                harness.deployment.logLines(of: "jira-writer").contains { $0.contains("another writer claimed the create first") }
            }
            #expect(waited)
            try await linkAsOtherReplica(harness, issue: issue, jiraIssueId: id)

            // The snapshot is then synced onto the other writer's issue (its summary is rewritten).
            let synced = try await harness.eventually(timeout: .seconds(120)) {
                try await harness.jiraState().issues.first { $0.id == id }?.summary.contains("database timeout") == true
            }
            #expect(synced, "\(harness.deployment.logLines(of: "jira-writer").filter { !$0.contains(#""level":"debug""#) }.suffix(20))")
            #expect(try await harness.jiraState().issues(forGuance: issue).count == 1)
            #expect(try await harness.jiraState().issues.count == 1)
            try await harness.stop(writer)
        }
    }

    @Test("policies.reopen newIssue: another writer made the recurrence issue and linked it while this one searched: no second recurrence issue")
    func recurrenceLinkedMeanwhile() async throws {
        try await WriterDeployment.with(policies: "  backlink: none\n  reopen: newIssue") { harness in
            let issue = GuanceEvents.issueUUID()
            try await harness.publish([GuanceEvents.snapshot(issue, status: 10, minute: 0), GuanceEvents.snapshot(issue, status: 20, minute: 1)])
            let writer = try harness.startWriter(["JIRA_WRITER_CREATE_SETTLE_SECONDS": "300"])
            let resolved = try await harness.eventually {
                try await harness.jiraState().issues(forGuance: issue).first?.statusCategory == "done"
            }
            try #require(resolved)
            try await harness.jiraControl(.POST, "/__sim/faults", body: [
                "kind": "latency", "milliseconds": 15_000, "pathContains": "/search", "count": 1,
            ])
            let searchesBefore = try await harness.jiraState().searches
            let reopened = GuanceEvents.snapshot(issue, status: 10, minute: 2)
            try await harness.publish([reopened])
            let searched = try await harness.eventually { try await harness.jiraState().searches > searchesBefore }
            try #require(searched)

            // The other writer creates the recurrence issue, links it and clears its intent before this
            // writer's search answers: this writer's intent then meets no other, and only the link tells.
            let mark = GuanceIssueLabel.recurrenceMark(issue, reopenedAt: GuanceEvents.base.addingTimeInterval(120))
            let (id, key) = try await createAsOtherReplica(
                harness, label: try #require(GuanceIssueLabel(parsing: GuanceIssueLabel.prefix + mark)),
                summary: "recurrence by the other replica")
            try await linkAsOtherReplica(harness, issue: issue, jiraIssueId: id)

            let marker = GuanceEvents.replyUUID()
            try await harness.publish([GuanceEvents.reply(issue, reply: marker, text: "marker", minute: 3)])
            let delivered = try await harness.eventually(timeout: .seconds(120)) {
                try await !harness.jiraState().comments(forReply: marker).isEmpty
            }
            #expect(delivered)
            let state = try await harness.jiraState()
            #expect(state.issues.filter { $0.labels.contains(GuanceIssueLabel.prefix + mark) }.map(\.id) == [id])
            #expect(state.comments(forReply: marker).first?.issueKey == key)
            try await harness.stop(writer)
        }
    }

    @Test("a comment intent another writer wrote while this one read the comments wins: no second comment, the other's link is used")
    func competingCommentIntentWins() async throws {
        try await WriterDeployment.with { harness in
            let issue = GuanceEvents.issueUUID()
            try await harness.publish([GuanceEvents.snapshot(issue)])
            let writer = try harness.startWriter(["JIRA_WRITER_CREATE_SETTLE_SECONDS": "300"])
            let createdIssue = try await harness.eventually { try await !harness.jiraState().issues(forGuance: issue).isEmpty }
            try #require(createdIssue)
            let jiraIssue = try #require(try await harness.jiraState().issues(forGuance: issue).first)
            let reply = GuanceEvents.replyUUID()
            // A writer that crashed long ago left its intent: this writer lists the comments before
            // adding (a reply without any record on an issue the sync created would be added at once).
            var crashed = LinkRecord(
                kind: .comment, guanceIssueUUID: issue, jiraIssueId: jiraIssue.id, jiraIssueKey: jiraIssue.key,
                guanceReplyUUID: reply, origin: .guance, provenance: .created, linkedAt: Date().addingTimeInterval(-3600))
            crashed.attemptID = "crashed-replica"
            try await harness.recordLink(crashed)
            // The comment list read before the add is answered 15 s late.
            func listings() async throws -> Int {
                try await harness.jiraState().requestCounts.filter { $0.key.hasPrefix("GET /rest/api/3/issue/{issue}/comment ") }
                    .values.reduce(0, +)
            }
            let before = try await listings()
            try await harness.jiraControl(.POST, "/__sim/faults", body: [
                "kind": "latency", "milliseconds": 15_000, "method": "GET", "pathContains": "/comment", "count": 1,
            ])
            try await harness.publish([GuanceEvents.reply(issue, reply: reply, text: "并发的回复")])
            let listed = try await harness.eventually { try await listings() > before }
            try #require(listed)

            // The other writer claims the add (superseding the crashed one's intent, as this one will
            // try to), adds the comment (with the sync marker) and links it.
            var intent = LinkRecord(
                kind: .comment, guanceIssueUUID: issue, jiraIssueId: jiraIssue.id, jiraIssueKey: jiraIssue.key,
                guanceReplyUUID: reply, origin: .guance, provenance: .created, linkedAt: Date())
            intent.attemptID = "other-replica"
            intent.supersedes = "crashed-replica"
            try await harness.recordLink(intent)
            let added = try #require(try await harness.jiraControl(.POST, "/__sim/as/alice/rest/api/3/issue/\(jiraIssue.key)/comment", body: [
                "body": ["type": "doc", "version": 1, "content": [["type": "paragraph", "content": [["type": "text", "text": "by the other replica"]]]]] as [String: Any],
                "properties": [["key": "guance.sync", "value": ["origin": "guance", "replyUuid": reply, "issueUuid": issue]]],
            ]) as? [String: Any])
            let commentId = try #require(added["id"] as? String)
            let waited = try await harness.eventually {
                harness.deployment.logLines(of: "jira-writer").contains { $0.contains("another writer claimed the add first") }
            }
            #expect(waited)
            var link = intent
            link.attemptID = nil
            link.jiraCommentId = commentId
            try await harness.recordLink(link)

            // A later reply on the same issue marks the end of the first one's handling.
            let marker = GuanceEvents.replyUUID()
            try await harness.publish([GuanceEvents.reply(issue, reply: marker, text: "marker", minute: 2)])
            let done = try await harness.eventually(timeout: .seconds(120)) {
                try await !harness.jiraState().comments(forReply: marker).isEmpty
            }
            #expect(done)
            #expect(try await harness.jiraState().comments(forReply: reply).map(\.id) == [commentId])
            try await harness.stop(writer)
        }
    }

    /// The other replica's create: a person's-API create with the sync's label (the simulator's
    /// `as/alice` route), as a writer whose create won would make it.
    private func createAsOtherReplica(
        _ harness: WriterDeployment, label: GuanceIssueLabel, summary: String
    ) async throws -> (id: String, key: String) {
        let created = try #require(try await harness.jiraControl(.POST, "/__sim/as/alice/rest/api/3/issue", body: [
            "fields": [
                "project": ["key": "OPS"], "issuetype": ["id": "10004"], "summary": summary, "labels": [label.text],
            ] as [String: Any],
        ]) as? [String: Any])
        return (try #require(created["id"] as? String), try #require(created["key"] as? String))
    }

    /// The other replica's link of its created issue.
    private func linkAsOtherReplica(_ harness: WriterDeployment, issue: String, jiraIssueId: String) async throws {
        let key = try #require(try await harness.jiraState().issues.first { $0.id == jiraIssueId }?.key)
        try await harness.recordLink(LinkRecord(
            kind: .issue, guanceIssueUUID: issue, jiraIssueId: jiraIssueId, jiraIssueKey: key, origin: .guance,
            provenance: .created, linkedAt: Date()))
    }
}
