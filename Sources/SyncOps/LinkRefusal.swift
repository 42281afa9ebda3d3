import Foundation

/// A Jira issue that names a Guance issue (property or label) but that `syncctl links rebuild`
/// does not link: outside the routed projects, or created by someone other than the sync's account
/// or `jira.migrationAccount` (a spoof, or a clone of a synced issue).
package struct LinkRefusal: Sendable, Hashable, Codable {
    /// The Guance issue it names.
    package var guanceIssueUUID: String
    /// The Jira issue id.
    package var jiraIssueId: String
    /// The Jira issue key.
    package var jiraIssueKey: String
    /// Why it is not linked.
    package var reason: String

    /// Creates a refusal.
    package init(guanceIssueUUID: String, jiraIssueId: String, jiraIssueKey: String, reason: String) {
        self.guanceIssueUUID = guanceIssueUUID
        self.jiraIssueId = jiraIssueId
        self.jiraIssueKey = jiraIssueKey
        self.reason = reason
    }
}
