import Foundation
import PipelineTesting
import SyncCore
import Testing

/// Another attempt's intent stamped by a host whose clock is off (each host within five minutes of
/// true time): the wait on it must neither stretch by the skew (the event held for minutes — chaos
/// seed 20261206, writers 381 s apart) nor shrink by it (the add still in flight: a duplicate).
@Suite("jira-writer: intents stamped by a host whose clock is off")
struct IntentClockSkewTests {
    /// How far ahead or behind the other replica's host runs.
    static let skew: TimeInterval = 381

    @Test("a comment intent from a host 381 s ahead whose add never landed: the comment is added about the settle time later")
    func commentIntentFromHostAhead() async throws {
        try await WriterDeployment.with { harness in
            let (writer, issue, jiraIssue) = try await linkedIssue(harness, settle: 20)
            let reply = GuanceEvents.replyUUID()
            try await harness.recordLink(commentIntent(issue, jiraIssue, reply: reply, linkedAt: Date().addingTimeInterval(Self.skew)))
            try await harness.publish([GuanceEvents.reply(issue, reply: reply, text: "a reply whose first add was lost")])
            // Settle 20 s from the first sight: well inside the timeout; 401 s on the intent's own clock.
            let added = try await harness.eventually(timeout: .seconds(150)) {
                try await !harness.jiraState().comments(forReply: reply).isEmpty
            }
            #expect(added, "\(harness.deployment.logLines(of: "jira-writer").filter { $0.contains("reply") }.suffix(6))")
            #expect(try await harness.jiraState().comments(forReply: reply).count == 1)
            try await harness.stop(writer)
        }
    }

    @Test("a comment intent from a host 381 s behind whose add is still in flight: the writer waits for it, one comment")
    func commentIntentFromHostBehind() async throws {
        try await WriterDeployment.with { harness in
            let (writer, issue, jiraIssue) = try await linkedIssue(harness, settle: 60)
            let reply = GuanceEvents.replyUUID()
            let intent = commentIntent(issue, jiraIssue, reply: reply, linkedAt: Date().addingTimeInterval(-Self.skew))
            try await harness.recordLink(intent)
            func listings() async throws -> Int {
                try await harness.jiraState().requestCounts.filter { $0.key.hasPrefix("GET /rest/api/3/issue/{issue}/comment ") }
                    .values.reduce(0, +)
            }
            func adds() async throws -> Int {
                try await harness.jiraState().requestCounts.filter { $0.key.hasPrefix("POST /rest/api/3/issue/{issue}/comment ") }
                    .values.reduce(0, +)
            }
            let (listingsBefore, addsBefore) = (try await listings(), try await adds())
            try await harness.publish([GuanceEvents.reply(issue, reply: reply, text: "在途的回复")])
            // The writer lists the comments (the intent's add has not landed yet), then either waits
            // for the intent to settle or — trusting the 381 s its stamp shows — adds at once.
            let decided = try await harness.eventually {
                let waiting = harness.deployment.logLines(of: "jira-writer").contains {
                    $0.contains("another writer may be adding this reply's comment")
                }
                let added = try await adds() > addsBefore
                return try await listings() > listingsBefore && (waiting || added)
            }
            try #require(decided)
            // The other replica's add lands now, then its link: the intent looked 381 s old, but it was not.
            let added = try #require(try await harness.jiraControl(.POST, "/__sim/as/alice/rest/api/3/issue/\(jiraIssue.key)/comment", body: [
                "body": ["type": "doc", "version": 1, "content": [["type": "paragraph", "content": [["type": "text", "text": "by the other replica"]]]]] as [String: Any],
                "properties": [["key": "guance.sync", "value": ["origin": "guance", "replyUuid": reply, "issueUuid": issue]]],
            ]) as? [String: Any])
            var link = intent
            link.attemptID = nil
            link.jiraCommentId = try #require(added["id"] as? String)
            try await harness.recordLink(link)

            let marker = GuanceEvents.replyUUID()
            try await harness.publish([GuanceEvents.reply(issue, reply: marker, text: "marker", minute: 2)])
            #expect(try await harness.waitForComment(ofReply: marker, timeout: .seconds(150)))
            #expect(try await harness.jiraState().comments(forReply: reply).count == 1)
            try await harness.stop(writer)
        }
    }

    @Test("a create intent from a host 381 s ahead whose create never happened: the issue is created about the settle time later")
    func createIntentFromHostAhead() async throws {
        try await WriterDeployment.with { harness in
            let issue = GuanceEvents.issueUUID()
            var intent = LinkRecord.createIntent(mark: issue, eventID: nil, at: Date().addingTimeInterval(Self.skew))
            intent.attemptID = "replica-ahead"
            try await harness.recordLink(intent)
            let writer = try harness.startWriter(["JIRA_WRITER_CREATE_SETTLE_SECONDS": "20"])
            try await harness.publish([GuanceEvents.snapshot(issue)])
            let created = try await harness.eventually(timeout: .seconds(150)) {
                try await !harness.jiraState().issues(forGuance: issue).isEmpty
            }
            #expect(created, "\(harness.deployment.logLines(of: "jira-writer").filter { $0.contains("waiting") }.suffix(4))")
            #expect(try await harness.jiraState().issues(forGuance: issue).count == 1)
            try await harness.stop(writer)
        }
    }

    @Test("a create intent from a host 381 s behind whose create is still in flight: the writer waits for it, one issue")
    func createIntentFromHostBehind() async throws {
        try await WriterDeployment.with { harness in
            let issue = GuanceEvents.issueUUID()
            var intent = LinkRecord.createIntent(mark: issue, eventID: nil, at: Date().addingTimeInterval(-Self.skew))
            intent.attemptID = "replica-behind"
            try await harness.recordLink(intent)
            func creates() async throws -> Int {
                try await harness.jiraState().requestCounts.filter { $0.key.hasPrefix("POST /rest/api/3/issue ") }.values.reduce(0, +)
            }
            let writer = try harness.startWriter(["JIRA_WRITER_CREATE_SETTLE_SECONDS": "60"])
            try await harness.publish([GuanceEvents.snapshot(issue)])
            // The writer searches (empty: the other replica's create has not landed), then either
            // waits for the intent to settle or — trusting the 381 s its stamp shows — creates.
            let decided = try await harness.eventually {
                let waiting = harness.deployment.logLines(of: "jira-writer").contains {
                    $0.contains("waiting for Jira search before creating")
                }
                let created = try await creates() > 0
                return waiting || created
            }
            try #require(decided)
            // The other replica's create lands now, then its link.
            let created = try #require(try await harness.jiraControl(.POST, "/__sim/as/alice/rest/api/3/issue", body: [
                "fields": [
                    "project": ["key": "OPS"], "issuetype": ["id": "10004"], "summary": "created by the other replica",
                    "labels": [GuanceIssueLabel.sync(issue).text],
                ] as [String: Any],
            ]) as? [String: Any])
            let id = try #require(created["id"] as? String)
            try await harness.recordLink(LinkRecord(
                kind: .issue, guanceIssueUUID: issue, jiraIssueId: id, jiraIssueKey: try #require(created["key"] as? String),
                origin: .guance, provenance: .created, linkedAt: Date()))
            let synced = try await harness.eventually(timeout: .seconds(150)) {
                try await harness.jiraState().issues.first { $0.id == id }?.summary.contains("database timeout") == true
            }
            #expect(synced)
            #expect(try await harness.jiraState().issues(forGuance: issue).map(\.id) == [id])
            try await harness.stop(writer)
        }
    }

    /// A Guance issue with its Jira issue, created by the writer started with `settle` (returned: it stops when released).
    private func linkedIssue(
        _ harness: WriterDeployment, settle: Int
    ) async throws -> (ChildProcess, String, JiraSimState.Issue) {
        let issue = GuanceEvents.issueUUID()
        try await harness.publish([GuanceEvents.snapshot(issue)])
        let writer = try harness.startWriter(["JIRA_WRITER_CREATE_SETTLE_SECONDS": String(settle)])
        let created = try await harness.eventually { try await !harness.jiraState().issues(forGuance: issue).isEmpty }
        try #require(created)
        return (writer, issue, try #require(try await harness.jiraState().issues(forGuance: issue).first))
    }

    /// The intent of another replica's add of `reply`'s comment, stamped `linkedAt` by its host.
    private func commentIntent(_ issue: String, _ jiraIssue: JiraSimState.Issue, reply: String, linkedAt: Date) -> LinkRecord {
        var intent = LinkRecord(
            kind: .comment, guanceIssueUUID: issue, jiraIssueId: jiraIssue.id, jiraIssueKey: jiraIssue.key,
            guanceReplyUUID: reply, origin: .guance, provenance: .created, linkedAt: linkedAt)
        intent.attemptID = "other-replica"
        return intent
    }
}
