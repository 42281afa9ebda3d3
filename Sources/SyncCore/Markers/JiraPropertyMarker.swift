public import Foundation
public import RichText

/// The entity-property values the sync stores on what it writes in Jira (origin `guance`), so
/// jira-poller never mirrors the sync's own issues and comments back, and jira-writer and
/// `syncctl links rebuild` recognise them. Written and parsed only here.
public enum JiraPropertyMarker {
    /// The `origin` value of everything the sync writes to Jira.
    public static let origin = EventOrigin.guance.rawValue

    /// The issue property value: `{issueUuid, workspaceUuid, eventId, origin:"guance"}`.
    public static func issue(issueUUID: String, workspaceUUID: String?, eventID: EventID?) -> JSONValue {
        var object: [String: JSONValue] = [
            "issueUuid": .string(issueUUID),
            "origin": .string(origin),
        ]
        if let workspaceUUID { object["workspaceUuid"] = .string(workspaceUUID) }
        if let eventID { object["eventId"] = .string(eventID.rawValue) }
        return .object(object)
    }

    /// The comment property value: `{origin:"guance", replyUuid, issueUuid}`.
    public static func comment(replyUUID: String, issueUUID: String) -> JSONValue {
        .object([
            "origin": .string(origin),
            "replyUuid": .string(replyUUID),
            "issueUuid": .string(issueUUID),
        ])
    }

    /// The id standing in for a reply UUID on a comment the sync writes of its own accord: a note of
    /// a field change carried from Guance (`note-<field>-<ms>`).
    public static func fieldNoteID(field: String, at date: Date) -> String {
        "note-\(field)-\(date.epochMilliseconds)"
    }

    /// The id of the comment noting a recurrence (a Guance reopen) at `date` (`reopen-<ms>`).
    public static func reopenNoteID(at date: Date) -> String {
        "reopen-\(date.epochMilliseconds)"
    }

    /// The id of the comment on a replacement issue naming the deleted one (`replaces-<id>`).
    public static func replacementNoteID(replacing jiraIssueID: String) -> String {
        "replaces-\(jiraIssueID)"
    }

    /// Whether a property value is a marker written by the sync (any object with origin `guance`).
    public static func isSyncOrigin(_ value: JSONValue?) -> Bool {
        guard case .object(let object)? = value else { return false }
        return object["origin"] == .string(origin)
    }

    /// The Guance reply a comment property marks, when it is a marker written by the sync.
    public static func replyUUID(inCommentProperty value: JSONValue?) -> String? {
        guard isSyncOrigin(value), case .object(let object)? = value, case .string(let reply)? = object["replyUuid"]
        else { return nil }
        return reply
    }

    /// The Guance issue an issue property marks, when it is a marker written by the sync.
    public static func issueUUID(inIssueProperty value: JSONValue?) -> String? {
        guard isSyncOrigin(value), case .object(let object)? = value, case .string(let issue)? = object["issueUuid"]
        else { return nil }
        return issue
    }
}
