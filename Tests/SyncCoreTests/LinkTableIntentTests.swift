import Foundation
import SyncCore
import Testing

@Suite("LinkTable create intents")
struct LinkTableIntentTests {
    private func intent(_ uuid: String) -> LinkRecord {
        LinkRecord.createIntent(mark: uuid, eventID: nil, at: Date(timeIntervalSince1970: 1_790_000_000))
    }

    @Test("an intent is keyed intent/<uuid>, found by its issue, and neither listed nor counted as a link")
    func keptApart() {
        var table = LinkTable()
        let record = intent("issue_1")
        #expect(record.key == "intent/issue_1")
        table.apply(record)
        #expect(table.createIntent(guanceIssueUUID: "issue_1") == record)
        #expect(table.latest(key: "intent/issue_1") == record)
        #expect(table.issueLink(guanceIssueUUID: "issue_1") == nil)
        #expect(table.issueLink(jiraIssueId: "") == nil)
        #expect(table.count == 0)
        #expect(table.records.isEmpty)
    }

    @Test("a tombstone removes the intent; the issue link written meanwhile stays")
    func tombstone() {
        var table = LinkTable()
        table.apply(intent("issue_1"))
        let link = LinkRecord(
            kind: .issue, guanceIssueUUID: "issue_1", jiraIssueId: "10000", jiraIssueKey: "OPS-1", origin: .guance,
            provenance: .created, linkedAt: Date())
        table.apply(link)
        table.apply(key: "intent/issue_1", record: nil)
        #expect(table.createIntent(guanceIssueUUID: "issue_1") == nil)
        #expect(table.issueLink(guanceIssueUUID: "issue_1") == link)
        #expect(table.latest(key: "issue/issue_1") == link)
        #expect(table.latest(key: "intent/issue_1") == nil)
        #expect(table.count == 1)
    }

    @Test("an intent survives a JSON round trip")
    func roundTrip() throws {
        let record = intent("issue_2")
        let data = try SyncEventCodec.makeEncoder().encode(record)
        #expect(try SyncEventCodec.makeDecoder().decode(LinkRecord.self, from: data) == record)
    }
}

@Suite("LinkTable create intents: first on the log wins")
struct LinkTableIntentRaceTests {
    private let at = Date(timeIntervalSince1970: 1_790_000_000)

    private func intent(_ attempt: String, supersedes: String?) -> LinkRecord {
        var record = LinkRecord.createIntent(mark: "issue_1", eventID: nil, at: at)
        record.attemptID = attempt
        record.supersedes = supersedes
        return record
    }

    @Test("two attempts decided on the same state: the first written stays the intent, the second is ignored")
    func sameBasis() {
        var table = LinkTable()
        table.apply(intent("a", supersedes: nil))
        table.apply(intent("b", supersedes: nil))
        #expect(table.createIntent(guanceIssueUUID: "issue_1")?.attemptID == "a")

        var later = LinkTable()
        later.apply(intent("a0", supersedes: nil))
        later.apply(intent("a1", supersedes: "a0"))
        later.apply(intent("b1", supersedes: "a0"))
        #expect(later.createIntent(guanceIssueUUID: "issue_1")?.attemptID == "a1")
    }

    @Test("an attempt decided on the latest intent replaces it; after a tombstone any attempt is taken")
    func supersedesLatest() {
        var table = LinkTable()
        table.apply(intent("a", supersedes: nil))
        table.apply(intent("b", supersedes: "a"))
        #expect(table.createIntent(guanceIssueUUID: "issue_1")?.attemptID == "b")
        table.apply(key: "intent/issue_1", record: nil)
        table.apply(intent("c", supersedes: "b"))
        #expect(table.createIntent(guanceIssueUUID: "issue_1")?.attemptID == "c")
    }

    @Test("intents written before attempts had ids are superseded by any attempt decided on them")
    func legacyIntents() {
        var table = LinkTable()
        table.apply(LinkRecord(
            kind: .createIntent, guanceIssueUUID: "issue_1", jiraIssueId: "", jiraIssueKey: "", origin: .guance,
            provenance: .created, linkedAt: at))
        table.apply(intent("a", supersedes: nil))
        #expect(table.createIntent(guanceIssueUUID: "issue_1")?.attemptID == "a")
        let decoded = try? SyncEventCodec.makeDecoder().decode(
            LinkRecord.self, from: Data(#"{"kind":"createIntent","guanceIssueUUID":"issue_1","jiraIssueId":"","jiraIssueKey":"","origin":"guance","provenance":"created","linkedAt":"2026-12-06T00:00:00Z"}"#.utf8))
        #expect(decoded?.attemptID == nil && decoded?.supersedes == nil)
    }

    @Test("reply intents follow the same rule; an attempt never replaces a finished link")
    func replyIntents() {
        func reply(_ attempt: String?, supersedes: String?, replyUUID: String? = nil) -> LinkRecord {
            var record = LinkRecord(
                kind: .comment, guanceIssueUUID: "issue_1", jiraIssueId: "10000", jiraIssueKey: "OPS-1", guanceReplyUUID: replyUUID,
                jiraCommentId: "10100", origin: .jira, provenance: .created, linkedAt: at)
            record.attemptID = attempt
            record.supersedes = supersedes
            return record
        }
        var table = LinkTable()
        table.apply(reply("a", supersedes: nil))
        table.apply(reply("b", supersedes: nil))
        #expect(table.commentLink(jiraCommentId: "10100")?.attemptID == "a")
        #expect(table.commentLink(jiraCommentId: "10100")?.isIntent == true)
        table.apply(reply(nil, supersedes: nil, replyUUID: "repim_1"))
        #expect(table.commentLink(jiraCommentId: "10100")?.guanceReplyUUID == "repim_1")
        table.apply(reply("c", supersedes: nil))
        #expect(table.commentLink(jiraCommentId: "10100")?.guanceReplyUUID == "repim_1")
        #expect(table.commentLink(guanceReplyUUID: "repim_1")?.jiraCommentId == "10100")
    }

    @Test("jira-writer's comment intents (a reply's record without its comment) follow the same rule")
    func commentIntents() {
        func record(_ attempt: String?, supersedes: String?, comment: String? = nil) -> LinkRecord {
            var record = LinkRecord(
                kind: .comment, guanceIssueUUID: "issue_1", jiraIssueId: "10000", jiraIssueKey: "OPS-1", guanceReplyUUID: "repim_1",
                jiraCommentId: comment, origin: .guance, provenance: .created, linkedAt: at)
            record.attemptID = attempt
            record.supersedes = supersedes
            return record
        }
        var table = LinkTable()
        table.apply(record("a", supersedes: nil))
        table.apply(record("b", supersedes: nil))
        #expect(table.commentLink(guanceReplyUUID: "repim_1")?.attemptID == "a")
        #expect(table.commentLink(guanceReplyUUID: "repim_1")?.isIntent == true)
        table.apply(record(nil, supersedes: nil, comment: "10100"))
        table.apply(record("c", supersedes: "a"))
        #expect(table.commentLink(guanceReplyUUID: "repim_1")?.jiraCommentId == "10100")
        #expect(table.commentLink(jiraCommentId: "10100")?.guanceReplyUUID == "repim_1")
    }
}
