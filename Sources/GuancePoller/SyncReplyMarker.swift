import GuanceAPI
import RichText
import SyncCore

/// The marker the sync puts in `extend` of every Guance reply it writes, so guance-poller never
/// mirrors the sync's own replies back to Jira (an echo loop).
///
/// Shape: `extend.guanceJiraSync = {"origin": "jira", "commentId": "10001", "issueKey": "OPS-24"}`.
/// Guance keeps unknown `extend` keys on replies (as it does on issues); the poller also skips
/// replies by the sync's own API key, so the marker is a second, key-independent guard (e.g. after
/// the key was rotated).
public enum SyncReplyMarker {
    /// The `extend` key of the marker.
    public static let extendKey = SyncMarkers.GuanceReply.extendKey

    /// The marker value for a reply mirrored from a Jira comment.
    public static func value(commentID: String, issueKey: String?) -> JSONValue {
        typealias Names = SyncMarkers.GuanceReply
        var object: [String: JSONValue] = [Names.originField: .string(Names.jiraOrigin), Names.commentIDField: .string(commentID)]
        if let issueKey { object[Names.issueKeyField] = .string(issueKey) }
        return .object(object)
    }

    /// `extend` with the marker added (all other keys kept).
    public static func marking(_ extend: GuanceExtend, commentID: String, issueKey: String?) -> GuanceExtend {
        var marked = extend
        marked.fields[extendKey] = value(commentID: commentID, issueKey: issueKey)
        return marked
    }

    /// Whether `extend` carries the marker (any non-null value counts).
    public static func isPresent(in extend: GuanceExtend) -> Bool {
        guard let value = extend.fields[extendKey] else { return false }
        return value != .null
    }
}
