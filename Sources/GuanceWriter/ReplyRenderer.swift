import Foundation
import GuanceAPI
import RichText
import SyncCore

/// Turns Jira comments into Guance reply bodies with attribution (who, when in UTC, a link to the
/// Jira comment) and the sync's origin marker in `extend`. Pure: no I/O.
///
/// Reply `content` is plain text (the docs do not say Guance renders markup in replies).
package struct ReplyRenderer: Sendable {
    /// What happens to the reply of a deleted Jira comment (`policies.jiraCommentDeleted`).
    package var deletionPolicy: DeletionPolicy
    /// The limit of reply `content` (65 535 UTF-8 bytes by default).
    package var limit: TextLimit

    /// Creates a renderer following `policies`.
    package init(policies: SyncConfiguration.Policies, limit: TextLimit = .guanceReplyContent) {
        self.deletionPolicy = policies.jiraCommentDeleted
        self.limit = limit
    }

    /// The reply to create for a new Jira comment on the Guance issue `issueUUID`.
    package func render(_ comment: JiraCommentChange, issueUUID: String) -> GuanceReplyDraft {
        GuanceReplyDraft(issueUUID: issueUUID, content: content(comment), extend: Self.marking(GuanceExtend(), comment))
    }

    /// The modify body for an edited Jira comment whose reply is `existing`: new content, the
    /// reply's `extend` kept whole (mentions, links, unknown keys) with the marker re-asserted.
    package func renderEdit(_ comment: JiraCommentChange, existing: GuanceReply) -> GuanceReplyDraft {
        GuanceReplyDraft(
            issueUUID: existing.issueUUID, content: content(comment), extend: Self.marking(existing.extend, comment)
        )
    }

    /// What to do with `existing`, the reply of a deleted Jira comment, per ``deletionPolicy``.
    /// A note already present is not appended again, so replaying the event is a no-op.
    package func deletion(_ deletion: JiraCommentDeletion, existing: GuanceReply, deletedAt: Date?) -> ReplyDeletionAction {
        switch deletionPolicy {
        case .ignore:
            return .leave
        case .delete:
            return .delete(replyUUID: existing.uuid)
        case .note:
            if existing.content.contains(Self.deletionNotePrefix) { return .leave }
            let note = "\n\n" + Self.deletionNote(deletedAt: deletedAt)
            // Cut the current text first so the note, appended last, always survives the limit.
            let room = TextLimit(maximum: limit.maximum - limit.length(of: note), unit: limit.unit)
            let kept = existing.content.truncated(toFit: room, marker: TruncationMarker.fullTextInJira)
            let draft = GuanceReplyDraft(
                issueUUID: existing.issueUUID, content: kept + note, extend: existing.extend
            )
            return .modify(replyUUID: existing.uuid, draft)
        }
    }

    /// The reply text: attribution line, blank line, comment body; cut to ``limit`` with a visible
    /// marker (the attribution comes first, so only the body is ever cut).
    package func content(_ comment: JiraCommentChange) -> String {
        let text = Self.attribution(comment) + "\n\n" + comment.bodyText
        return text.truncated(toFit: limit, marker: TruncationMarker.fullTextInJira)
    }

    /// The start of the note appended to a reply whose Jira comment was deleted.
    package static let deletionNotePrefix = "[Deleted in Jira"

    /// `[Deleted in Jira at <time>]`, or without the time when unknown.
    static func deletionNote(deletedAt: Date?) -> String {
        guard let deletedAt else { return deletionNotePrefix + "]" }
        return deletionNotePrefix + " at " + timestamp(deletedAt) + "]"
    }

    /// `<author> wrote in Jira at <time> (edited <time>): <url>`.
    static func attribution(_ comment: JiraCommentChange) -> String {
        var line = (comment.author.displayName ?? comment.author.id) + " wrote in Jira " + comment.issue.key
        if let createdAt = comment.createdAt { line += " at " + timestamp(createdAt) }
        if let updatedAt = comment.updatedAt, updatedAt != comment.createdAt {
            line += " (edited " + timestamp(updatedAt) + ")"
        }
        line += ":"
        if let url = comment.url, !url.isEmpty { line += " " + url }
        return line
    }

    /// `extend` with the origin marker for `comment` set (every other key kept), including the
    /// comment's version (see ``ReplyMarkerLookup/commentVersion(of:)``).
    static func marking(_ extend: GuanceExtend, _ comment: JiraCommentChange) -> GuanceExtend {
        let marker = GuanceReplyMarker(
            commentID: comment.commentId, issueKey: comment.issue.key, commentVersion: comment.updatedAt ?? comment.createdAt)
        return GuanceExtend(fields: marker.marking(extend.fields))
    }

    /// `extend` of a change note (an assignee or level the sync carried from Jira): the origin marker
    /// with `noteID` in place of a comment id, so guance-poller never mirrors the note back.
    package static func noteMarking(_ extend: GuanceExtend, noteID: String, issueKey: String) -> GuanceExtend {
        GuanceExtend(fields: GuanceReplyMarker(commentID: noteID, issueKey: issueKey).marking(extend.fields))
    }

    /// A time as UTC ISO 8601 to the second (`2026-11-29T01:02:03Z`), readable in any locale.
    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false).timeZone(separator: .omitted))
    }
}
