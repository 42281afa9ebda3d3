import Foundation
import GuanceAPI
import RichText
import SyncCore

/// Finds the reply the sync wrote for a Jira comment, by the origin marker in `extend`: used after a
/// reply create whose outcome is unknown, and to find the reply an edit or deletion applies to.
package enum ReplyMarkerLookup {
    /// The first live reply in `replies` marked as mirroring `commentID`.
    package static func reply(forCommentID commentID: String, in replies: some Sequence<GuanceReply>) -> GuanceReply? {
        replies.first { !$0.isDeleted && Self.commentID(of: $0) == commentID }
    }

    /// The Jira comment id in `reply`'s marker, when it carries one from Jira.
    package static func commentID(of reply: GuanceReply) -> String? {
        GuanceReplyMarker(extendFields: reply.extend.fields)?.commentID
    }

    /// The version of the Jira comment `reply` mirrors (its edit or creation time), when the marker
    /// records one: an edit event not newer than this is stale and must not be written again.
    package static func commentVersion(of reply: GuanceReply) -> Date? {
        guard let marker = GuanceReplyMarker(extendFields: reply.extend.fields), marker.commentID != nil else { return nil }
        return marker.commentVersion
    }
}
