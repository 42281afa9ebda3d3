import Foundation
import GuanceAPI
import GuanceWriter
import RichText
import SyncCore
import Testing

@Suite("ReplyRenderer")
struct ReplyRendererTests {
    typealias Fixtures = GuanceWriterFixtures
    let renderer = ReplyRenderer(policies: Fixtures.policies())

    @Test("a new comment carries attribution, UTC time, the comment link and the Chinese/emoji body intact")
    func attribution() {
        let draft = renderer.render(Fixtures.comment(body: "磁盘满了 👨‍👩‍👧 请处理"), issueUUID: "issue_1")
        #expect(draft.issueUUID == "issue_1")
        let lines = draft.content.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == "张三 🚀 wrote in Jira OPS-24 at 2026-11-30T00:00:00Z: https://example.atlassian.net/browse/OPS-24?focusedCommentId=10001")
        #expect(draft.content.hasSuffix("\n\n磁盘满了 👨‍👩‍👧 请处理"))
    }

    @Test("an edited comment says when it was edited; a missing display name falls back to the account id")
    func editedAttribution() {
        let comment = Fixtures.comment(body: "x", author: nil, updatedAt: Fixtures.date(90))
        let content = renderer.content(comment)
        #expect(content.hasPrefix("acc-1 wrote in Jira OPS-24 at 2026-11-30T00:00:00Z (edited 2026-11-30T00:01:30Z):"))
    }

    @Test("the marker survives a round trip through Guance and is found by the shared marker names")
    func markerRoundTrip() throws {
        let draft = renderer.render(Fixtures.comment(body: "hi"), issueUUID: "issue_1")
        let reply = try Fixtures.reply(created: draft)
        let marker = try #require(reply.extend.fields[GuanceReplyMarker.extendKey])
        // GuancePoller's ReplyFilter skips any reply whose marker key holds a non-null value.
        #expect(marker != .null)
        #expect(marker[GuanceReplyMarker.originField] == .string("jira"))
        #expect(marker[GuanceReplyMarker.commentIDField] == .string("10001"))
        #expect(marker[GuanceReplyMarker.issueKeyField] == .string("OPS-24"))
        #expect(ReplyMarkerLookup.reply(forCommentID: "10001", in: [reply])?.uuid == reply.uuid)
        #expect(ReplyMarkerLookup.reply(forCommentID: "10002", in: [reply]) == nil)
    }

    @Test("a very long body is cut to 65 535 UTF-8 bytes on a character boundary, attribution and marker kept")
    func longBody() {
        let body = String(repeating: "告警🚨", count: 20_000)  // 140 000 bytes
        let content = renderer.content(Fixtures.comment(body: body))
        #expect(content.utf8.count <= 65_535)
        #expect(content.utf8.count > 65_000)
        #expect(content.hasPrefix("张三 🚀 wrote in Jira OPS-24"))
        #expect(content.hasSuffix(TruncationMarker.fullTextInJira))
        #expect(!content.unicodeScalars.contains("\u{FFFD}"))
    }

    @Test("a body that fits is not cut")
    func shortBodyUntouched() {
        let content = renderer.content(Fixtures.comment(body: "ok"))
        #expect(!content.contains(TruncationMarker.fullTextInJira))
    }

    @Test("an edit replaces content and keeps every other extend key of the existing reply")
    func edit() throws {
        let original = try Fixtures.reply(created: renderer.render(Fixtures.comment(body: "v1"), issueUUID: "issue_1"))
        var existing = original
        existing.extend.fields["members"] = .array([.string("acnt_bob")])
        let draft = renderer.renderEdit(Fixtures.comment(body: "v2", updatedAt: Fixtures.date(60)), existing: existing)
        #expect(draft.content.hasSuffix("\n\nv2"))
        #expect(draft.extend.fields["members"] == .array([.string("acnt_bob")]))
        let edited = try Fixtures.reply(created: draft)
        #expect(ReplyMarkerLookup.commentID(of: edited) == "10001")
        #expect(ReplyMarkerLookup.commentVersion(of: original) == Fixtures.date(0))
        #expect(ReplyMarkerLookup.commentVersion(of: edited) == Fixtures.date(60))
        #expect(draft.issueUUID == "issue_1")
    }
}

@Suite("ReplyRenderer deletion policies")
struct ReplyDeletionTests {
    typealias Fixtures = GuanceWriterFixtures
    let deletion = JiraCommentDeletion(issue: JiraIssueRef(id: "42", key: "OPS-24"), commentId: "10001")

    func existing(body: String = "hello") throws -> GuanceReply {
        let renderer = ReplyRenderer(policies: Fixtures.policies())
        return try Fixtures.reply(created: renderer.render(Fixtures.comment(body: body), issueUUID: "issue_1"))
    }

    @Test("note: the note is appended once, extend kept; replaying is a no-op")
    func note() throws {
        let renderer = ReplyRenderer(policies: Fixtures.policies(deleted: .note))
        let reply = try existing()
        let action = renderer.deletion(deletion, existing: reply, deletedAt: Fixtures.date(120))
        guard case .modify(let uuid, let draft) = action else { Issue.record("expected modify, got \(action)"); return }
        #expect(uuid == reply.uuid)
        #expect(draft.content == reply.content + "\n\n[Deleted in Jira at 2026-11-30T00:02:00Z]")
        #expect(draft.extend == reply.extend)
        var noted = reply
        noted.content = draft.content
        #expect(renderer.deletion(deletion, existing: noted, deletedAt: Fixtures.date(130)) == .leave)
    }

    @Test("note on a reply already at the limit: the text is cut so the note still fits")
    func noteAtLimit() throws {
        let renderer = ReplyRenderer(policies: Fixtures.policies(deleted: .note))
        let reply = try existing(body: String(repeating: "满", count: 30_000))
        guard case .modify(_, let draft) = renderer.deletion(deletion, existing: reply, deletedAt: nil) else {
            Issue.record("expected modify"); return
        }
        #expect(draft.content.utf8.count <= 65_535)
        #expect(draft.content.hasSuffix("[Deleted in Jira]"))
    }

    @Test("delete and ignore")
    func deleteAndIgnore() throws {
        let reply = try existing()
        #expect(ReplyRenderer(policies: Fixtures.policies(deleted: .delete)).deletion(deletion, existing: reply, deletedAt: nil)
            == .delete(replyUUID: reply.uuid))
        #expect(ReplyRenderer(policies: Fixtures.policies(deleted: .ignore)).deletion(deletion, existing: reply, deletedAt: nil)
            == .leave)
    }
}
