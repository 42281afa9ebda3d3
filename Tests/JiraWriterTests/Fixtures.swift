import Foundation
import JiraAPI
import JiraWriter
import RichText
import SyncCore

/// Shared test inputs: a configuration with two routing rules and a priority map, and snapshots.
enum Fixtures {
    static let consoleIssueURL = "https://console.guance.com/exception/issue/issue_7f3a9c"

    static func configuration(deletion: DeletionPolicy = .note) -> SyncConfiguration {
        var configuration = SyncConfiguration(
            jira: .init(baseURL: "https://example.atlassian.net"),
            routing: Routing(
                rules: [
                    RoutingRule(
                        name: "database", match: .init(resourceTypes: ["checker"], titlePattern: "(?i)mysql"),
                        project: "DBA", issueType: "10001", labels: ["db team"]
                    ),
                    RoutingRule(name: "critical", match: .init(levels: ["system_level_0"]), project: "SRE", issueType: "10002"),
                ],
                default: .init(project: "OPS", issueType: "10004")
            ),
            priorities: ["system_level_0": "1", "system_level_1": "2"]
        )
        configuration.policies.guanceReplyDeleted = deletion
        return configuration
    }

    static func snapshot(
        name: String = "CPU > 90% on host-a", description: String = "<p>Load is <strong>high</strong></p>",
        level: String? = "system_level_1", resourceType: String? = nil, statusType: Int = 10
    ) -> GuanceIssueSnapshot {
        GuanceIssueSnapshot(
            issueUUID: "issue_7f3a9c", workspaceUUID: "wksp_1", name: name, descriptionHTML: description,
            level: level.map { .init(id: $0, name: "P1") }, statusType: statusType, resourceType: resourceType,
            resource: "host-a", links: [.init(name: "guance", url: consoleIssueURL)]
        )
    }

    static func renderer(_ flavor: JiraFlavor, deletion: DeletionPolicy = .note) throws -> JiraIssueRenderer {
        try JiraIssueRenderer(configuration: configuration(deletion: deletion), flavor: flavor)
    }

    static func plainText(_ body: JiraRichText?) -> String {
        body?.document.plainText() ?? ""
    }
}
