import Foundation
import SyncCore
import Testing

@Suite("Link table, dead letters, checkpoints")
struct RecordTests {
    static let now = Date(timeIntervalSince1970: 1_764_377_000)

    static func issueLink(_ guance: String, _ jiraId: String) -> LinkRecord {
        LinkRecord(kind: .issue, guanceIssueUUID: guance, jiraIssueId: jiraId, jiraIssueKey: "OPS-\(jiraId)",
                   origin: .guance, provenance: .created, linkedAt: now)
    }

    @Test("links are found from either side, replies and comments included")
    func lookups() {
        var table = LinkTable()
        table.apply(Self.issueLink("issue_a", "10001"))
        let reply = LinkRecord(kind: .comment, guanceIssueUUID: "issue_a", jiraIssueId: "10001", jiraIssueKey: "OPS-1",
                               guanceReplyUUID: "repim_1", jiraCommentId: "500", origin: .guance, provenance: .created,
                               linkedAt: Self.now)
        let comment = LinkRecord(kind: .comment, guanceIssueUUID: "issue_a", jiraIssueId: "10001", jiraIssueKey: "OPS-1",
                                 guanceReplyUUID: "repim_2", jiraCommentId: "501", origin: .jira, provenance: .created,
                                 linkedAt: Self.now)
        table.apply(reply)
        table.apply(comment)
        #expect(reply.key == "reply/repim_1")
        #expect(comment.key == "comment/501")
        #expect(table.issueLink(guanceIssueUUID: "issue_a")?.jiraIssueId == "10001")
        #expect(table.issueLink(jiraIssueId: "10001")?.guanceIssueUUID == "issue_a")
        #expect(table.commentLink(guanceReplyUUID: "repim_1")?.jiraCommentId == "500")
        #expect(table.commentLink(jiraCommentId: "500")?.guanceReplyUUID == "repim_1")
        #expect(table.commentLink(jiraCommentId: "501")?.guanceReplyUUID == "repim_2")
        #expect(table.commentLink(guanceReplyUUID: "repim_2")?.jiraCommentId == "501")
        #expect(table.count == 3)
        #expect(table.issueLink(guanceIssueUUID: "issue_b") == nil)
    }

    @Test("a tombstone removes a link and its reverse index; a newer record replaces an older one")
    func tombstonesAndUpdates() {
        var table = LinkTable()
        table.apply(Self.issueLink("issue_a", "10001"))
        table.apply(Self.issueLink("issue_a", "10002"))
        #expect(table.issueLink(jiraIssueId: "10001") == nil, "the old reverse entry must go")
        #expect(table.issueLink(jiraIssueId: "10002")?.guanceIssueUUID == "issue_a")
        table.apply(key: "issue/issue_a", record: nil)
        #expect(table.issueLink(guanceIssueUUID: "issue_a") == nil)
        #expect(table.issueLink(jiraIssueId: "10002") == nil)
        #expect(table.count == 0)
    }

    @Test("records round-trip through the event JSON coder")
    func coding() throws {
        let link = Self.issueLink("issue_😀", "10001")
        let encoder = SyncEventCodec.makeEncoder()
        let decoder = SyncEventCodec.makeDecoder()
        #expect(try decoder.decode(LinkRecord.self, from: encoder.encode(link)) == link)

        let value: [UInt8] = [0xFF, 0x00, 0x7B]
        let letter = DeadLetter(
            reason: .init(code: "invalid-event", message: "malformed JSON"), writer: "jira-writer", failedAt: Self.now,
            attempts: 1, source: .init(topic: "guance.events.v1", partition: 3, offset: 42), key: "issue_a",
            headers: [.init(name: "event-id", value: "ev1-x")], value: value)
        let decoded = try decoder.decode(DeadLetter.self, from: encoder.encode(letter))
        #expect(decoded == letter)
        #expect(decoded.value == value, "binary values survive")
        #expect(decoded.id == "dl-guance.events.v1-3-42", "the id comes from the source position")

        let checkpoint = PollerCheckpoint(poller: "guance-poller", scope: "default", cursor: Self.now,
                                          recentEventIDs: [EventID(rawValue: "ev1-a")], writtenAt: Self.now)
        #expect(checkpoint.key == "guance-poller/default")
        #expect(try decoder.decode(PollerCheckpoint.self, from: encoder.encode(checkpoint)) == checkpoint)
    }
}
