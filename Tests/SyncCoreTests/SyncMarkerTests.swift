import Foundation
import RichText
import SyncCore
import Testing

/// The loop-guard markers are written and read in one place; what one writes the other reads.
@Suite("Sync markers: Guance reply extend and Jira entity properties")
struct SyncMarkerTests {
    @Test("a Guance reply marker round-trips through extend and keeps the other keys")
    func guanceReplyRoundTrip() throws {
        let version = Date(timeIntervalSince1970: 1_795_996_800.123)
        let marker = GuanceReplyMarker(commentID: "10001", issueKey: "OPS-24", commentVersion: version)
        let fields = marker.marking(["text": .string("kept")])
        #expect(fields["text"] == .string("kept"))
        #expect(fields["guanceJiraSync"]?["origin"] == .string("jira"))
        #expect(fields["guanceJiraSync"]?["commentUpdatedAt"] == .int(1_795_996_800_123))
        let read = try #require(GuanceReplyMarker(extendFields: fields))
        #expect(read == marker)
        #expect(GuanceReplyMarker.isPresent(in: fields))
    }

    @Test("a back-link marker has no comment id; a foreign or null marker is not parsed")
    func guanceReplyShapes() {
        let backlink = GuanceReplyMarker(commentID: nil, issueKey: "OPS-1").marking([:])
        #expect(backlink["guanceJiraSync"]?["commentId"] == nil)
        #expect(GuanceReplyMarker(extendFields: backlink)?.commentID == nil)
        #expect(GuanceReplyMarker(extendFields: backlink)?.issueKey == "OPS-1")
        let foreign: [String: JSONValue] = ["guanceJiraSync": .object(["origin": .string("other"), "commentId": .string("1")])]
        #expect(GuanceReplyMarker(extendFields: foreign) == nil)
        #expect(GuanceReplyMarker.isPresent(in: foreign), "the poller's guard is wider than the parser")
        #expect(!GuanceReplyMarker.isPresent(in: ["guanceJiraSync": .null]))
        #expect(!GuanceReplyMarker.isPresent(in: [:]))
    }

    @Test("Jira property markers carry origin guance and parse back; others are not the sync's")
    func jiraProperties() {
        let issue = JiraPropertyMarker.issue(issueUUID: "issue_1", workspaceUUID: "wksp_1", eventID: nil)
        #expect(JiraPropertyMarker.issueUUID(inIssueProperty: issue) == "issue_1")
        let comment = JiraPropertyMarker.comment(replyUUID: "repim_1", issueUUID: "issue_1")
        #expect(JiraPropertyMarker.replyUUID(inCommentProperty: comment) == "repim_1")
        #expect(JiraPropertyMarker.isSyncOrigin(comment))
        let human: JSONValue = .object(["origin": .string("jira"), "replyUuid": .string("repim_1")])
        #expect(JiraPropertyMarker.replyUUID(inCommentProperty: human) == nil)
        #expect(!JiraPropertyMarker.isSyncOrigin(human))
        #expect(!JiraPropertyMarker.isSyncOrigin(nil))
        let note = JiraPropertyMarker.fieldNoteID(field: "assignee", at: Date(timeIntervalSince1970: 2))
        #expect(note == "note-assignee-2000")
        #expect(JiraPropertyMarker.reopenNoteID(at: Date(timeIntervalSince1970: 3)) == "reopen-3000")
        #expect(JiraPropertyMarker.replacementNoteID(replacing: "10042") == "replaces-10042")
    }
}
