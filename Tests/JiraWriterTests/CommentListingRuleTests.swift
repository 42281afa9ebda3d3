import Foundation
import JiraWriter
import SyncCore
import Testing

@Suite("CommentListingRule")
struct CommentListingRuleTests {
    let started = Date(timeIntervalSince1970: 1_790_000_000)
    /// An event observed well after the process started (beyond the clock margin).
    var late: Date { started.addingTimeInterval(HostClocks.tolerance + 1) }

    func issueLink(_ provenance: LinkRecord.Provenance) -> LinkRecord {
        LinkRecord(
            kind: .issue, guanceIssueUUID: "issue_1", jiraIssueId: "10001", jiraIssueKey: "OPS-1", origin: .guance,
            provenance: provenance, linkedAt: started)
    }

    func commentRecord(commentId: String?, jiraIssueId: String = "10001") -> LinkRecord {
        LinkRecord(
            kind: .comment, guanceIssueUUID: "issue_1", jiraIssueId: jiraIssueId, jiraIssueKey: "OPS-1",
            guanceReplyUUID: "repim_1", jiraCommentId: commentId, origin: .guance, provenance: .created, linkedAt: started)
    }

    func mustList(_ record: LinkRecord?, _ link: LinkRecord, observedAt: Date? = nil) -> Bool {
        CommentListingRule.mustList(replyRecord: record, issueLink: link, observedAt: observedAt ?? late, processStartedAt: started)
    }

    @Test("the link table answers alone only for a reply without any record, on an issue the sync created, observed after the process started")
    func rule() {
        #expect(!mustList(nil, issueLink(.created)))
        #expect(mustList(nil, issueLink(.adopted)), "comments may predate an adoption")
        #expect(mustList(nil, issueLink(.rebuilt)))
        #expect(mustList(commentRecord(commentId: nil), issueLink(.created)), "an intent: an add in flight, crashed or with an unknown outcome")
        #expect(mustList(commentRecord(commentId: "20001", jiraIssueId: "10000"), issueLink(.created)),
                "a comment on the pair's previous Jira issue")
        #expect(mustList(nil, issueLink(.created), observedAt: started.addingTimeInterval(-3600)),
                "an event an earlier process (an older release withdrew unknown outcomes) may have attempted")
        #expect(mustList(nil, issueLink(.created), observedAt: started.addingTimeInterval(60)), "within the clock margin")
    }
}
