import Foundation
import JiraAPI
import RichText

/// Builders for the Jira values the tests feed the poller core.
enum Fixtures {
    static let syncUser = JiraUser(accountId: "sync-acc", displayName: "Guance Sync")
    static let human = JiraUser(accountId: "human-1", displayName: "Li Lei")

    static func date(_ text: String) -> Date {
        ISO8601DateFormatter().date(from: text)!
    }

    static func issue(
        id: String = "10001", key: String = "OPS-1", statusId: String = "3", statusName: String = "In Progress",
        category: String = "indeterminate", resolution: String? = nil, assignee: JiraUser? = nil, updated: Date
    ) -> JiraIssue {
        var fields = JiraIssueFields()
        fields.status = JiraStatus(id: statusId, name: statusName, category: JiraStatusCategory(key: category))
        fields.resolution = resolution.map { JiraNamedReference(id: "1", name: $0) }
        fields.assignee = assignee
        fields.updated = updated
        return JiraIssue(id: id, key: key, fields: fields)
    }

    static func adf(_ text: String) -> JiraRichText {
        .adf(ADFNode(type: "doc", content: [ADFNode(type: "paragraph", content: [ADFNode(type: "text", text: text)])]))
    }

    static func comment(
        id: String, text: String, author: JiraUser = human, created: Date, updated: Date? = nil,
        properties: [String: JSONValue] = [:]
    ) -> JiraComment {
        JiraComment(
            id: id, author: author, body: adf(text), created: created, updated: updated ?? created, properties: properties
        )
    }
}
