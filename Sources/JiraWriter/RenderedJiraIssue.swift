import JiraAPI
import RichText
import SyncCore

/// What a Guance issue snapshot should look like in Jira: the create draft (fields, labels and the
/// sync's issue property) and the remote link back to Guance.
package struct RenderedJiraIssue: Sendable, Hashable {
    /// The routed destination.
    package var target: Routing.Target
    /// The routing rule that chose ``target`` (`nil` when the default applied).
    package var ruleName: String?
    /// The create request: project, issue type, summary, description, priority, labels, property.
    package var draft: JiraIssueDraft
    /// The document the description was rendered from (before truncation), for comparisons.
    package var descriptionDocument: RichDocument
    /// The remote link to upsert (by its global id) on the Jira issue.
    package var remoteLink: JiraRemoteLink
    /// The sync's own label, `guance-<uuid>`.
    package var syncLabel: String
    /// The issue property key and value (also inside ``draft``'s properties).
    package var property: JiraEntityProperty
}
