import Foundation
import SyncCore

/// One sample event of every type, with Chinese text, emoji and edge values, for the event tests.
enum EventSamples {
    static let at = Date(timeIntervalSince1970: 1_764_377_000.123)
    static let observed = Date(timeIntervalSince1970: 1_764_377_060.5)
    static let issueUUID = "issue_7b1f3c0d2e4a4b5c9d8e7f6a5b4c3d2e"
    static let human = GuanceActor(id: "acnt_0f9e8d7c", name: "张伟", email: "zhang.wei@example.com")
    static let jiraIssue = JiraIssueRef(id: "10042", key: "OPS-24", guanceIssueUUID: issueUUID)
    static let jiraUser = JiraActor(id: "5b10a2844c20165700ede21g", displayName: "Mia Krystof")

    static var snapshot: GuanceIssueSnapshot {
        GuanceIssueSnapshot(
            issueUUID: issueUUID, workspaceUUID: "wksp_1", name: "CPU 使用率过高 🔥 on host-a",
            descriptionHTML: "<p>主机 <span data-at-embedded data-info=\"{item:{uuid}}\">@张伟</span> 请看</p>",
            descriptionText: "主机 @张伟 请看", level: .init(id: "system_level_1", name: "P1"), statusType: 10,
            resourceType: "checker", resource: "cpu-monitor", resourceUUID: "rul_1", channelUUIDs: ["chan_ops"],
            assignees: ["acnt_0f9e8d7c", "group_sre", "oncall@example.com"],
            links: [.init(name: "guance", url: "https://console.guance.com/exception/issue_7b1f")],
            creator: GuanceActor(id: "monitor", name: "监控器"), updator: human, createdAt: at, updatedAt: at
        )
    }

    static var reply: GuanceReplyChange {
        GuanceReplyChange(
            issueUUID: issueUUID, replyUUID: "repim_1c64", content: "已重启服务 ✅ 👨‍👩‍👧", author: human,
            createdAt: at, updatedAt: nil
        )
    }

    static var comment: JiraCommentChange {
        JiraCommentChange(
            issue: jiraIssue, commentId: "10500", bodyText: "Fixed in 2.4.1 🎉\n第二行", author: jiraUser,
            createdAt: at, updatedAt: at, url: "https://example.atlassian.net/browse/OPS-24?focusedCommentId=10500"
        )
    }

    static var bodies: [SyncEvent.Body] {
        [
            .guanceIssueSnapshot(snapshot),
            .guanceReplyCreated(reply),
            .guanceReplyEdited(reply),
            .guanceReplyDeleted(GuanceReplyDeletion(issueUUID: issueUUID, replyUUID: "repim_1c64", deletedAt: nil)),
            .jiraIssueStatusChanged(JiraStatusChange(
                issue: jiraIssue, statusId: "10002", statusName: "完成", categoryKey: "done", resolution: "Done",
                changedBy: jiraUser, changedAt: at)),
            .jiraIssueAssigneeChanged(JiraAssigneeChange(issue: jiraIssue, assignee: nil, changedAt: at)),
            .jiraIssueAssigneeChanged(JiraAssigneeChange(
                issue: jiraIssue,
                assignee: JiraActor(id: "JIRAUSER10100", displayName: "李娜", name: "lina", emailAddress: "li.na@example.com"),
                changedAt: at, issueUpdatedAt: at)),
            .jiraIssuePriorityChanged(JiraPriorityChange(
                issue: jiraIssue, priorityId: "2", priorityName: "高", changedAt: at, issueUpdatedAt: at)),
            .jiraIssuePriorityChanged(JiraPriorityChange(issue: jiraIssue, priorityId: nil)),
            .jiraCommentCreated(comment),
            .jiraCommentEdited(comment),
            .jiraCommentDeleted(JiraCommentDeletion(issue: jiraIssue, commentId: "10500")),
        ]
    }

    static var events: [SyncEvent] {
        bodies.map { SyncEvent(body: $0, occurredAt: at, observedAt: observed) }
    }
}
