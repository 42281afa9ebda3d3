public import Foundation
public import RichText

/// The marker the sync puts in `extend` of every Guance reply it writes, so guance-poller never
/// mirrors the sync's own replies back to Jira, and guance-writer finds the reply it wrote for a
/// Jira comment. Written and parsed only here.
///
/// Shape: `extend.guanceJiraSync = {"origin": "jira", "commentId": "10001", "issueKey": "OPS-24",
/// "commentUpdatedAt": 1795996800000}`. A back-link reply carries no `commentId`; a change note
/// carries a note id in its place. Guance keeps unknown `extend` keys on replies; guance-poller also
/// skips replies by the sync's own API keys, so the marker is a second, key-independent guard.
public struct GuanceReplyMarker: Sendable, Equatable {
    /// The `extend` key holding the marker object.
    public static let extendKey = "guanceJiraSync"
    /// The field naming the side the reply came from.
    public static let originField = "origin"
    /// The value of ``originField`` for replies mirrored from Jira.
    public static let jiraOrigin = "jira"
    /// The field holding the Jira comment id (or a note id).
    public static let commentIDField = "commentId"
    /// The field holding the Jira issue key at the time of writing.
    public static let issueKeyField = "issueKey"
    /// The field holding the version of the Jira comment the reply mirrors: its last edit time
    /// (or creation time) in epoch milliseconds, so a replayed older edit is recognised as stale.
    public static let commentUpdatedField = "commentUpdatedAt"

    /// The Jira comment (or change note) the reply mirrors; `nil` for a back-link reply.
    public var commentID: String?
    /// The Jira issue key at the time of writing.
    public var issueKey: String?
    /// The version of the Jira comment the reply mirrors, when recorded.
    public var commentVersion: Date?

    /// Creates a marker.
    public init(commentID: String?, issueKey: String?, commentVersion: Date? = nil) {
        self.commentID = commentID
        self.issueKey = issueKey
        self.commentVersion = commentVersion
    }

    /// The marker read from a reply's `extend` fields, when it carries one from Jira.
    public init?(extendFields fields: [String: JSONValue]) {
        guard let marker = fields[Self.extendKey], marker[Self.originField]?.stringValue == Self.jiraOrigin else {
            return nil
        }
        commentID = marker[Self.commentIDField]?.stringValue
        issueKey = marker[Self.issueKeyField]?.stringValue
        commentVersion = marker[Self.commentUpdatedField]?.intValue.map { Date(timeIntervalSince1970: Double($0) / 1000) }
    }

    /// The marker object stored under ``extendKey``.
    public var value: JSONValue {
        var object: [String: JSONValue] = [Self.originField: .string(Self.jiraOrigin)]
        if let commentID { object[Self.commentIDField] = .string(commentID) }
        if let issueKey { object[Self.issueKeyField] = .string(issueKey) }
        if let commentVersion { object[Self.commentUpdatedField] = .int(commentVersion.epochMilliseconds) }
        return .object(object)
    }

    /// `fields` with this marker set (every other key kept).
    public func marking(_ fields: [String: JSONValue]) -> [String: JSONValue] {
        var marked = fields
        marked[Self.extendKey] = value
        return marked
    }

    /// Whether `fields` carry a marker at all (any non-null value counts: the poller's guard is
    /// deliberately wider than what the writer parses).
    public static func isPresent(in fields: [String: JSONValue]) -> Bool {
        guard let value = fields[extendKey] else { return false }
        return value != .null
    }
}
