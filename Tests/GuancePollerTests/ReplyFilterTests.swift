import Foundation
import GuanceAPI
import GuancePoller
import RichText
import SyncCore
import Testing

@Suite("ReplyFilter")
struct ReplyFilterTests {
    let filter = ReplyFilter(ownKeyIDs: ["wsak_sync"])

    @Test("a human reply is mirrored")
    func human() throws {
        let reply = try GuanceFixtures.humanReply("repim_1", content: "你好", createAt: 10)
        #expect(filter.decision(for: reply) == .mirror)
    }

    @Test("a reply written with the sync's key is skipped, under either integration policy")
    func ownKey() throws {
        let own = try GuanceFixtures.humanReply("repim_1", content: "x", createAt: 10, extra: ["creator": "wsak_sync"])
        #expect(filter.decision(for: own) == .skipOwnKey)
        #expect(ReplyFilter(ownKeyIDs: ["wsak_sync"], integrationReplies: .mirror).decision(for: own) == .skipOwnKey)
    }

    @Test("another integration's key: skipped by default, mirrored with policies.integrationReplies: mirror")
    func otherIntegrationsKey() throws {
        let other = try GuanceFixtures.humanReply(
            "repim_2", content: "PagerDuty incident acknowledged", createAt: 10,
            extra: ["creator": "wsak_pagerduty", "creatorInfo": ["name": "PagerDuty", "email": "wsak_pagerduty"]])
        #expect(filter.integrationReplies == .skip)
        #expect(filter.decision(for: other) == .skipIntegration)
        #expect(ReplyFilter(ownKeyIDs: ["wsak_sync"], integrationReplies: .skip).decision(for: other) == .skipIntegration)
        #expect(ReplyFilter(ownKeyIDs: ["wsak_sync"], integrationReplies: .mirror).decision(for: other) == .mirror)
        // With no own key configured the sync's marked replies are still skipped by their marker.
        let marked = try GuanceFixtures.humanReply(
            "repim_3", content: "x", createAt: 10,
            extra: ["creator": "wsak_sync", "extend": ["guanceJiraSync": ["origin": "jira", "commentId": "1"]]])
        #expect(ReplyFilter(ownKeyIDs: [], integrationReplies: .mirror).decision(for: marked) == .skipMarker)
        // A member's reply is never an integration's.
        let member = try GuanceFixtures.humanReply("repim_4", content: "x", createAt: 10, extra: ["creator": "acnt_1"])
        #expect(filter.decision(for: member) == .mirror)
    }

    @Test("a reply carrying the marker is skipped, whoever wrote it")
    func marker() throws {
        let extend = GuanceExtend(fields: GuanceReplyMarker(commentID: "10001", issueKey: "OPS-1").marking(["text": .string("t")]))
        #expect(extend.fields["text"] == .string("t"))
        let marked = try GuanceFixtures.humanReply(
            "repim_1", content: "x", createAt: 10,
            extra: ["extend": ["guanceJiraSync": ["origin": "jira", "commentId": "10001"]]])
        let nullMarker = try GuanceFixtures.humanReply(
            "repim_2", content: "x", createAt: 10, extra: ["extend": ["guanceJiraSync": NSNull()]])
        #expect(GuanceReplyMarker.isPresent(in: extend.fields))
        #expect(filter.decision(for: marked) == .skipMarker)
        #expect(filter.decision(for: nullMarker) == .mirror)
    }

    @Test("change entries are skipped by default and mirrored when configured")
    func changeEntries() throws {
        let change = try GuanceFixtures.humanReply("repim_1", content: "成员修改了状态", createAt: 10, extra: ["type": "change"])
        #expect(filter.decision(for: change) == .skipChange)
        #expect(ReplyFilter(ownKeyIDs: ["wsak_sync"], mirrorChangeReplies: true).decision(for: change) == .mirror)
        let ownChange = try GuanceFixtures.humanReply(
            "repim_2", content: "x", createAt: 10, extra: ["type": "change", "creator": "wsak_sync"])
        #expect(ReplyFilter(ownKeyIDs: ["wsak_sync"], mirrorChangeReplies: true).decision(for: ownChange) == .skipOwnKey)
    }
}
