import Foundation
import Kafka
import StageRuntime
import Testing

@testable import SyncCore

/// The fence every "find, then write once" effect goes through (`LinkStore.claim`/`withdraw`), over
/// the mock cluster with two stores standing for two writer replicas.
@Suite("Link store: claims and withdrawals", .serialized)
struct LinkClaimTests {
    typealias Support = StageRuntimeTestSupport

    @Test("two replicas claim on the same basis: the first wins for both; a withdrawal removes only its own attempt")
    func claimAndWithdraw() async throws {
        let cluster = try Support.cluster()
        let producer = try Support.producer(cluster)
        let kafka = Support.kafka(cluster)
        let first = try await LinkStore(kafka: kafka, producer: producer, logger: Support.logger)
        let second = try await LinkStore(kafka: kafka, producer: producer, logger: Support.logger)
        let intent = LinkRecord.createIntent(mark: "issue_1", eventID: nil, at: Date())

        let won = try await first.claim(intent, supersedes: nil)
        #expect(won.won)
        #expect(won.key == "intent/issue_1")
        let lost = try await second.claim(intent, supersedes: nil)
        #expect(!lost.won)
        #expect(lost.latest?.attemptID == won.attempt)

        // The loser's withdrawal leaves the winner's intent.
        try await second.withdraw(lost)
        try await first.catchUp()
        #expect(first.table.createIntent(guanceIssueUUID: "issue_1")?.attemptID == won.attempt)

        // A later attempt decided on the winner's intent replaces it; the old winner, back from a
        // long back-off, no longer removes anything.
        let next = try await second.claim(intent, supersedes: won.attempt)
        #expect(next.won)
        try await first.withdraw(won)
        try await second.catchUp()
        #expect(second.table.createIntent(guanceIssueUUID: "issue_1")?.attemptID == next.attempt)

        // Its own attempt's withdrawal removes it, for every replica.
        try await second.withdraw(next)
        try await first.catchUp()
        #expect(first.table.createIntent(guanceIssueUUID: "issue_1") == nil)
        #expect(try await first.claim(intent, supersedes: nil).won)

        await first.close()
        await second.close()
        await producer.shutdown()
    }

    @Test("a reply's comment link on the pair's previous Jira issue is replaced by an attempt for the current one decided on it — once, and never a link on the same issue")
    func commentLinkOnAnotherIssue() {
        func comment(issue: String, commentId: String?) -> LinkRecord {
            LinkRecord(
                kind: .comment, guanceIssueUUID: "issue_1", jiraIssueId: issue, jiraIssueKey: "OPS-\(issue)",
                guanceReplyUUID: "repim_1", jiraCommentId: commentId, origin: .guance, provenance: .created, linkedAt: Date())
        }
        let previous = comment(issue: "10001", commentId: "20001")
        var attempt = comment(issue: "10002", commentId: nil)
        attempt.attemptID = "a1"
        // Before: no basis could name a finished link, so the reply was retried until dead-lettered.
        attempt.supersedes = previous.claimBasis
        #expect(LinkTable.admits(attempt, over: previous))
        var undecided = attempt
        undecided.supersedes = nil
        #expect(!LinkTable.admits(undecided, over: previous), "an attempt that did not see the link loses to it")
        var sameIssue = comment(issue: "10001", commentId: nil)
        sameIssue.attemptID = "a2"
        sameIssue.supersedes = previous.claimBasis
        #expect(!LinkTable.admits(sameIssue, over: previous), "a finished link on the same issue is never replaced")
        var second = attempt
        second.attemptID = "a3"
        #expect(!LinkTable.admits(second, over: attempt), "of two attempts decided on the old link only the first counts")
    }

    @Test("a withdrawal removes its attempt only while it is the latest, in log order: one that lands after another writer superseded the attempt leaves that writer's record")
    func withdrawalInLogOrder() {
        var intent = LinkRecord(
            kind: .comment, guanceIssueUUID: "issue_1", jiraIssueId: "10001", jiraIssueKey: "OPS-1",
            guanceReplyUUID: "repim_1", origin: .guance, provenance: .created, linkedAt: Date())
        intent.attemptID = "a"
        var superseding = intent
        superseding.attemptID = "b"
        superseding.supersedes = "a"
        var table = LinkTable()
        table.apply(intent)
        table.apply(superseding)
        // Writer A checked that its intent was the latest just before B's landed, then wrote its withdrawal.
        table.apply(intent.withdrawal(of: "a"))
        #expect(table.commentLink(guanceReplyUUID: "repim_1")?.attemptID == "b", "a tombstone here deleted B's claim")
        table.apply(superseding.withdrawal(of: "b"))
        #expect(table.commentLink(guanceReplyUUID: "repim_1") == nil)
        var fresh = intent
        fresh.attemptID = "c"
        table.apply(fresh)
        #expect(table.commentLink(guanceReplyUUID: "repim_1")?.attemptID == "c", "after a withdrawal any attempt is taken")
        // Create intents (kept apart) follow the same rule.
        var create = LinkRecord.createIntent(mark: "issue_2", eventID: nil, at: Date())
        create.attemptID = "x"
        table.apply(create)
        table.apply(create.withdrawal(of: "y"))
        #expect(table.createIntent(guanceIssueUUID: "issue_2")?.attemptID == "x")
        table.apply(create.withdrawal(of: "x"))
        #expect(table.createIntent(guanceIssueUUID: "issue_2") == nil)
    }
}
