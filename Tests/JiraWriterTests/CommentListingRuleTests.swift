import Foundation
import JiraWriter
import SyncCore
import Testing

@Suite("CommentListingRule")
struct CommentListingRuleTests {
    func issueLink(_ provenance: LinkRecord.Provenance) -> LinkRecord {
        LinkRecord(
            kind: .issue, guanceIssueUUID: "issue_1", jiraIssueId: "10001", jiraIssueKey: "OPS-1", origin: .guance,
            provenance: provenance, linkedAt: Date())
    }

    func commentRecord(commentId: String?, jiraIssueId: String = "10001") -> LinkRecord {
        LinkRecord(
            kind: .comment, guanceIssueUUID: "issue_1", jiraIssueId: jiraIssueId, jiraIssueKey: "OPS-1",
            guanceReplyUUID: "repim_1", jiraCommentId: commentId, origin: .guance, provenance: .created, linkedAt: Date())
    }

    @Test("the link table answers alone only for a reply without any record, on an issue the sync created")
    func rule() {
        #expect(!CommentListingRule.mustList(replyRecord: nil, issueLink: issueLink(.created)))
        #expect(CommentListingRule.mustList(replyRecord: nil, issueLink: issueLink(.adopted)), "comments may predate an adoption")
        #expect(CommentListingRule.mustList(replyRecord: nil, issueLink: issueLink(.rebuilt)))
        #expect(CommentListingRule.mustList(replyRecord: commentRecord(commentId: nil), issueLink: issueLink(.created)),
                "an intent: an add in flight, crashed or with an unknown outcome")
        #expect(CommentListingRule.mustList(
            replyRecord: commentRecord(commentId: "20001", jiraIssueId: "10000"), issueLink: issueLink(.created)),
            "a comment on the pair's previous Jira issue")
    }
}
