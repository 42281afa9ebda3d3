public import JiraAPI
public import RichText

/// A Jira comment to add or to put in place of an existing one, with its sync marker property.
public struct RenderedComment: Sendable, Hashable {
    /// The body in the flavour's representation (within 32 767, with a marker when cut).
    public var body: JiraRichText
    /// The document the body was rendered from, for comparisons.
    public var document: RichDocument
    /// The comment property `{origin:"guance", replyUuid, issueUuid}` under the configured key.
    public var property: JiraEntityProperty
}

/// What happens to a Jira comment whose Guance reply was deleted.
public enum CommentDeletionAction: Sendable, Hashable {
    /// Replace the comment body (the original plus a "deleted in Guance" note).
    case updateBody(JiraRichText)
    /// Delete the Jira comment.
    case delete
    /// Do nothing (policy `ignore`, or the note is already there).
    case leave
}
