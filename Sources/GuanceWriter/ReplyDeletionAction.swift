import GuanceAPI

/// What guance-writer does with the reply of a deleted Jira comment.
package enum ReplyDeletionAction: Sendable, Hashable {
    /// Modify the reply with this body (the note appended).
    case modify(replyUUID: String, GuanceReplyDraft)
    /// Delete the reply.
    case delete(replyUUID: String)
    /// Nothing to do.
    case leave
}
