public import JiraAPI
public import RichText
public import SyncCore

/// What a Guance issue snapshot should look like in Jira: the create draft (fields, labels and the
/// sync's issue property) and the remote link back to Guance.
public struct RenderedJiraIssue: Sendable, Hashable {
    /// The routed destination.
    public var target: Routing.Target
    /// The routing rule that chose ``target`` (`nil` when the default applied).
    public var ruleName: String?
    /// The create request: project, issue type, summary, description, priority, labels, property.
    public var draft: JiraIssueDraft
    /// The document the description was rendered from (before truncation), for comparisons.
    public var descriptionDocument: RichDocument
    /// The remote link to upsert (by its global id) on the Jira issue.
    public var remoteLink: JiraRemoteLink
    /// The sync's own label, `guance-<uuid>`.
    public var syncLabel: String
    /// The issue property key and value (also inside ``draft``'s properties).
    public var property: JiraEntityProperty
}
