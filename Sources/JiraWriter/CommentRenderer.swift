import Foundation
import JiraAPI
import RichText
import SyncCore

/// Turns Guance replies into Jira comment bodies with attribution (who, when, a link to the Guance
/// issue) and the sync's comment property marker. Pure: no I/O.
package struct CommentRenderer: Sendable {
    /// The rich-text renderer (flavour and configuration).
    package let issueRenderer: JiraIssueRenderer

    /// Creates a comment renderer on top of an issue renderer (same flavour and configuration).
    package init(issueRenderer: JiraIssueRenderer) {
        self.issueRenderer = issueRenderer
    }

    /// The comment for a created or edited reply. `guanceIssueURL` is the link in the attribution
    /// (``JiraIssueRenderer`` uses the snapshot's `guance` link; pass the same).
    package func render(_ reply: GuanceReplyChange, guanceIssueURL: String) -> RenderedComment {
        let attribution = RichBlock.paragraph(Self.attribution(reply, guanceIssueURL: guanceIssueURL))
        let content = RichDocument(guanceDescription: reply.content)
        let document = RichDocument(blocks: [attribution] + content.blocks)
        let property = JiraEntityProperty(
            key: issueRenderer.configuration.jira.propertyKey,
            value: JiraPropertyMarker.comment(replyUUID: reply.replyUUID, issueUUID: reply.issueUUID)
        )
        return RenderedComment(
            body: issueRenderer.richText(document, limit: .jiraComment), document: document, property: property
        )
    }

    /// What to do with the Jira comment of a deleted reply, per `policies.guanceReplyDeleted`.
    /// `currentBody` is the comment as Jira has it now; a note already there is not added again.
    package func deletion(_ deletion: GuanceReplyDeletion, currentBody: JiraRichText?) -> CommentDeletionAction {
        switch issueRenderer.configuration.policies.guanceReplyDeleted {
        case .ignore:
            return .leave
        case .delete:
            return .delete
        case .note:
            if Self.showsDeletionNote(currentBody) { return .leave }
            let current = currentBody?.document ?? RichDocument()
            // Cut the existing body first so the note, appended last, always survives the limit.
            let room = TextLimit(maximum: TextLimit.jiraComment.maximum - Self.noteReserve, unit: TextLimit.jiraComment.unit)
            let fitted = current.blocks.isEmpty ? current : issueRenderer.richText(current, limit: room).document
            let note = RichBlock.paragraph([.text(Self.deletionNote(deletion), RichTextStyle(isItalic: true))])
            return .updateBody(issueRenderer.richText(RichDocument(blocks: fitted.blocks + [note]), limit: .jiraComment))
        }
    }

    /// Whether a comment body ends with the deletion note: its reply was deleted in Guance, which
    /// is final (no later edit of the reply changes the comment again).
    package static func showsDeletionNote(_ body: JiraRichText?) -> Bool {
        guard let last = body?.document.blocks.last else { return false }
        return RichDocument(blocks: [last]).plainText().hasPrefix(deletionNotePrefix)
    }

    /// Room kept for the deletion note (its text and, on Cloud, its ADF JSON).
    static let noteReserve = 512

    /// The start of the note appended to a comment whose Guance reply was deleted.
    package static let deletionNotePrefix = "[Deleted in Guance"

    /// `[Deleted in Guance at <time>]`, or without the time when unknown.
    static func deletionNote(_ deletion: GuanceReplyDeletion) -> String {
        guard let deletedAt = deletion.deletedAt else { return deletionNotePrefix + "]" }
        return deletionNotePrefix + " at " + timestamp(deletedAt) + "]"
    }

    /// What follows an API key's name in the attribution: the reply came from an integration.
    package static let integrationSuffix = " (integration)"

    /// `<author> wrote in Guance at <time> (edited <time>):` with a link to the Guance issue. A reply
    /// written through an API key (another integration's, mirrored per `policies.integrationReplies`)
    /// is attributed to the key's name (or its `wsak_…` id) as `<key name> (integration)`, never to
    /// a person: the name Guance gives a key is the key's own.
    static func attribution(_ reply: GuanceReplyChange, guanceIssueURL: String) -> [RichInline] {
        var inlines: [RichInline]
        if reply.author.isAPIKey {
            let keyName = reply.author.name.flatMap { $0.isEmpty ? nil : $0 } ?? reply.author.id
            inlines = [.text(keyName, RichTextStyle(isBold: true)), .plain(integrationSuffix + " wrote in ")]
        } else {
            let author = reply.author.name ?? reply.author.email ?? reply.author.id
            inlines = [.text(author, RichTextStyle(isBold: true)), .plain(" wrote in ")]
        }
        inlines.append(.text("Guance", RichTextStyle(link: guanceIssueURL.isEmpty ? nil : guanceIssueURL)))
        if let createdAt = reply.createdAt { inlines.append(.plain(" at " + timestamp(createdAt))) }
        if let updatedAt = reply.updatedAt, updatedAt != reply.createdAt {
            inlines.append(.plain(" (edited " + timestamp(updatedAt) + ")"))
        }
        inlines.append(.plain(":"))
        return inlines
    }

    /// A time as UTC ISO 8601 to the second (`2026-11-29T01:02:03Z`), readable in any locale.
    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false).timeZone(separator: .omitted))
    }
}
