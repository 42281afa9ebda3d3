import Foundation
import GuanceAPI
import GuancePoller
import SyncCore
import Testing

@Suite("GuanceEventMapper")
struct GuanceEventMapperTests {
    let mapper = GuanceEventMapper(consoleURL: "https://console.guance.com/", defaultWorkspaceUUID: "wksp_default")

    @Test("every snapshot field comes from the issue, with Chinese, emoji and HTML intact")
    func fullIssue() throws {
        let issue = try GuanceFixtures.issue([
            "uuid": "issue_abc", "name": "数据库连接超时 🔥", "workspaceUUID": "wksp_9",
            "description": "<p>连接 <b>db-01</b> 超时 &amp; 重试 🚀</p>",
            "level": "system_level_0", "statusType": 15, "resourceType": "checker", "resource": "mysql 监控器",
            "resourceUUID": "rul_1", "creator": "acnt_c", "updator": "wsak_sync",
            "creatorInfo": ["name": "张三", "email": "zhang@example.com", "acntWsNickname": "小张"],
            "updatorInfo": ["name": "sync-key", "email": "wsak_sync"],
            "createAt": 1_700_000_000, "updateAt": 1_700_000_100.5, "deleteAt": -1,
            "levelInfo": ["name": "P0", "color": "#f00"],
            "extend": [
                "text": "连接 db-01 超时 & 重试 🚀", "manager": ["acnt_m", "group_t", "ops@example.com"],
                "channels": [["type": "#", "uuid": "chan_a", "exists": true]],
                "linkList": [["name": "Runbook 手册", "link": "https://wiki.example.com/rb"]],
                "sourceLink": "https://console.guance.com/monitor/rul_1",
            ],
        ])
        let snapshot = mapper.snapshot(of: issue)
        #expect(snapshot.issueUUID == "issue_abc")
        #expect(snapshot.workspaceUUID == "wksp_9")
        #expect(snapshot.name == "数据库连接超时 🔥")
        #expect(snapshot.descriptionHTML == "<p>连接 <b>db-01</b> 超时 &amp; 重试 🚀</p>")
        #expect(snapshot.descriptionText == "连接 db-01 超时 & 重试 🚀")
        #expect(snapshot.level == GuanceIssueSnapshot.Level(id: "system_level_0", name: "P0"))
        #expect(snapshot.statusType == 15)
        #expect(snapshot.resourceType == "checker")
        #expect(snapshot.resource == "mysql 监控器")
        #expect(snapshot.resourceUUID == "rul_1")
        #expect(snapshot.channelUUIDs == ["chan_a"])
        #expect(snapshot.assignees == ["acnt_m", "group_t", "ops@example.com"])
        #expect(snapshot.links == [
            .init(name: "guance", url: "https://console.guance.com/exceptions/issue/detail?issueUUID=issue_abc&workspaceUUID=wksp_9"),
            .init(name: "source", url: "https://console.guance.com/monitor/rul_1"),
            .init(name: "Runbook 手册", url: "https://wiki.example.com/rb"),
        ])
        #expect(snapshot.creator == GuanceActor(id: "acnt_c", name: "小张", email: "zhang@example.com"))
        #expect(snapshot.updator == GuanceActor(id: "wsak_sync", name: "sync-key", email: "wsak_sync"))
        #expect(snapshot.createdAt == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(snapshot.updatedAt == Date(timeIntervalSince1970: 1_700_000_100.5))
    }

    @Test("an API key's reply is attributed to the key's name only, never to a nickname; a member's to their nickname")
    func apiKeyAuthor() throws {
        let byKey = try GuanceFixtures.humanReply(
            "repim_k", content: "ServiceNow INC0012345 opened", createAt: 10,
            extra: [
                "creator": "wsak_servicenow",
                "creatorInfo": ["name": "ServiceNow", "email": "wsak_servicenow", "username": "wsak_servicenow", "acntWsNickname": "小张"],
            ])
        #expect(mapper.replyChange(of: byKey, issueUUID: "issue_1").author
            == GuanceActor(id: "wsak_servicenow", name: "ServiceNow", email: "wsak_servicenow"))
        let byMember = try GuanceFixtures.humanReply(
            "repim_m", content: "ok", createAt: 10,
            extra: ["creator": "acnt_c", "creatorInfo": ["name": "张三", "email": "zhang@example.com", "acntWsNickname": "小张"]])
        #expect(mapper.replyChange(of: byMember, issueUUID: "issue_1").author.name == "小张")
    }

    @Test("legacy integer level, empty resource, -1/null timestamps and the default workspace")
    func legacyIssue() throws {
        let issue = try GuanceFixtures.issue([
            "uuid": "issue_old", "name": "old", "description": "plain", "level": 1, "statusType": 10,
            "resourceType": "", "resource": "", "createAt": "1690000000", "updateAt": -1, "deleteAt": NSNull(),
        ])
        let snapshot = mapper.snapshot(of: issue)
        #expect(snapshot.level == GuanceIssueSnapshot.Level(id: "1", name: nil))
        #expect(snapshot.resourceType == nil && snapshot.resource == nil && snapshot.resourceUUID == nil)
        #expect(snapshot.createdAt == Date(timeIntervalSince1970: 1_690_000_000))
        #expect(snapshot.updatedAt == nil)
        #expect(snapshot.creator == nil && snapshot.updator == nil)
        #expect(snapshot.links.map(\.url) == [
            "https://console.guance.com/exceptions/issue/detail?issueUUID=issue_old&workspaceUUID=wksp_default",
        ])

        let nullUpdate = try GuanceFixtures.issue(["uuid": "issue_n", "updateAt": NSNull(), "level": ""])
        #expect(mapper.snapshot(of: nullUpdate).updatedAt == nil)
        #expect(mapper.snapshot(of: nullUpdate).level == nil)
    }

    @Test("a console URL Guance sends itself wins over the built one")
    func reportedConsoleURL() throws {
        let issue = try GuanceFixtures.issue([
            "uuid": "issue_u", "extend": ["view_isuue_url": "https://console.example.cn/x/issue_u"],
        ])
        #expect(mapper.snapshot(of: issue).links.first?.url == "https://console.example.cn/x/issue_u")
    }

    @Test("a reply maps to a change with its author, times and the list's edit time")
    func reply() throws {
        let reply = try GuanceFixtures.reply([
            "uuid": "repim_1", "issueUUID": "issue_abc", "type": "reply", "content": "<p>已处理 ✅ &lt;ok&gt;</p>",
            "creator": "acnt_li", "creatorInfo": ["name": "李四", "email": "li@example.com"],
            "createAt": 1_700_000_200, "updateAt": 1_700_000_250, "latest_modify_time": 1_700_000_300.25,
            "deleteAt": -1, "extend": [:],
        ])
        let change = mapper.replyChange(of: reply, issueUUID: "ignored")
        #expect(change == GuanceReplyChange(
            issueUUID: "issue_abc", replyUUID: "repim_1", content: "<p>已处理 ✅ &lt;ok&gt;</p>",
            author: GuanceActor(id: "acnt_li", name: "李四", email: "li@example.com"),
            createdAt: Date(timeIntervalSince1970: 1_700_000_200),
            updatedAt: Date(timeIntervalSince1970: 1_700_000_300.25)))

        let bare = try GuanceFixtures.reply(["uuid": "repim_2", "content": "x", "createAt": 5, "updateAt": NSNull()])
        let bareChange = mapper.replyChange(of: bare, issueUUID: "issue_fallback")
        #expect(bareChange.issueUUID == "issue_fallback")
        #expect(bareChange.updatedAt == nil)
        #expect(bareChange.author.id == "")
    }
}
