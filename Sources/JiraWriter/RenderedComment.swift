import JiraAPI
import RichText

/// A Jira comment to add or to put in place of an existing one, with its sync marker property.
package struct RenderedComment: Sendable, Hashable {
    /// The body in the flavour's representation (within 32 767, with a marker when cut).
    package var body: JiraRichText
    /// The document the body was rendered from, for comparisons.
    package var document: RichDocument
    /// The comment property `{origin:"guance", replyUuid, issueUuid}` under the configured key.
    package var property: JiraEntityProperty
}

/// What happens to a Jira comment whose Guance reply was deleted.
package enum CommentDeletionAction: Sendable, Hashable {
    /// Replace the comment body (the original plus a "deleted in Guance" note).
    case updateBody(JiraRichText)
    /// Delete the Jira comment.
    case delete
    /// Do nothing (policy `ignore`, or the note is already there).
    case leave
}
