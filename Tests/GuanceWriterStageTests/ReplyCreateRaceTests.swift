import Foundation
import SyncCore
import Testing

/// Two guance-writers deciding to create the reply of one Jira comment at once (a replica evicted
/// from its group without knowing it yet, and the partition's new owner): only the reply intent
/// first on the link topic may create.
@Suite("guance-writer: two writers racing to create one reply", .serialized)
struct ReplyCreateRaceTests {
    @Test("a reply intent another writer wrote while this one listed the replies wins: this writer creates no reply")
    func competingIntentWins() async throws {
        try await WriterDeployment.with { env in
            let uuid = try await env.createGuanceIssue("磁盘告警 race")
            let jira = JiraIssueRef(id: "130", key: "OPS-130")
            try await env.link(jiraIssueId: jira.id, key: jira.key, to: uuid)
            // An event observed two hours ago: the writer lists the issue's replies before a create,
            // and that list is answered 15 s late.
            let old = Date().addingTimeInterval(-7200)
            let event = SyncEvent(
                body: .jiraCommentCreated(JiraEvents.comment(jira, "20091", "并发的评论")), occurredAt: old, observedAt: old)
            try await env.injectFault([
                "effect": "latency", "latencyMs": 15_000, "method": "GET", "pathContains": "/reply/", "count": 1,
            ])
            try await env.produce([event])
            let writer = try env.startWriter(environment: ["GUANCE_WRITER_SETTLE_SECONDS": "300"])
            try await WriterDeployment.eventually("the reply list requested") { try await env.state().pendingFaults == 0 }

            var intent = LinkRecord(
                kind: .comment, guanceIssueUUID: uuid, jiraIssueId: jira.id, jiraIssueKey: jira.key, jiraCommentId: "20091",
                origin: .jira, provenance: .created, linkedAt: Date())
            intent.attemptID = "other-replica"
            try await env.recordLink(intent)
            try await WriterDeployment.eventually("the writer gave way", timeout: .seconds(90)) {
                env.deployment.logLines(of: "guance-writer").contains {
                    $0.contains("another writer claimed the create first")
                }
            }
            // The other writer's reply, and then its link.
            var link = intent
            link.attemptID = nil
            link.guanceReplyUUID = "repim_otherreplica"
            try await env.recordLink(link)
            try await WriterDeployment.eventually("the writer committed everything", timeout: .seconds(90)) {
                try await env.hasCaughtUp()
            }
            let state = try await env.state()
            #expect(state.count(SimState.replyCreate) == 0)
            #expect(state.replies(of: uuid).isEmpty)
            writer.terminate()
            _ = try await writer.waitForExit(timeout: .seconds(60))
        }
    }

    @Test("a reply intent from a host 381 s ahead whose create never landed: the reply is created about the settle time later")
    func intentFromHostAhead() async throws {
        try await WriterDeployment.with { env in
            let uuid = try await env.createGuanceIssue("磁盘告警 skew")
            let jira = JiraIssueRef(id: "131", key: "OPS-131")
            try await env.link(jiraIssueId: jira.id, key: jira.key, to: uuid)
            // Another replica's intent, stamped by a host 381 s ahead: on its own clock it settles in 386 s.
            var intent = LinkRecord(
                kind: .comment, guanceIssueUUID: uuid, jiraIssueId: jira.id, jiraIssueKey: jira.key, jiraCommentId: "20092",
                origin: .jira, provenance: .created, linkedAt: Date().addingTimeInterval(381))
            intent.attemptID = "replica-ahead"
            try await env.recordLink(intent)
            let now = Date()
            try await env.produce([SyncEvent(
                body: .jiraCommentCreated(JiraEvents.comment(jira, "20092", "丢失的回复")), occurredAt: now, observedAt: now)])
            let writer = try env.startWriter(environment: ["GUANCE_WRITER_SETTLE_SECONDS": "5"])
            // Five seconds after the writer first sees the intent (a recheck every 10 s at most).
            try await WriterDeployment.eventually("the reply created", timeout: .seconds(120)) {
                try await env.state().replies(of: uuid).count == 1
            }
            #expect(try await env.state().count(SimState.replyCreate) == 1)
            writer.terminate()
            _ = try await writer.waitForExit(timeout: .seconds(60))
        }
    }
}
