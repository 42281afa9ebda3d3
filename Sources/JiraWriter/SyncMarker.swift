public import RichText
public import SyncCore

/// The property values the sync stores in Jira to recognise what it wrote (origin `guance`).
public enum SyncMarker {
    /// The issue property value: `{issueUuid, workspaceUuid, eventId, origin:"guance"}`.
    public static func issue(issueUUID: String, workspaceUUID: String?, eventID: EventID?) -> JSONValue {
        var object: [String: JSONValue] = [
            "issueUuid": .string(issueUUID),
            "origin": .string(EventOrigin.guance.rawValue),
        ]
        if let workspaceUUID { object["workspaceUuid"] = .string(workspaceUUID) }
        if let eventID { object["eventId"] = .string(eventID.rawValue) }
        return .object(object)
    }

    /// The comment property value: `{origin:"guance", replyUuid, issueUuid}`.
    public static func comment(replyUUID: String, issueUUID: String) -> JSONValue {
        .object([
            "origin": .string(EventOrigin.guance.rawValue),
            "replyUuid": .string(replyUUID),
            "issueUuid": .string(issueUUID),
        ])
    }

    /// The Guance reply a comment property marks, when it is a marker written by the sync.
    public static func replyUUID(inCommentProperty value: JSONValue?) -> String? {
        guard case .object(let object)? = value, object["origin"] == .string(EventOrigin.guance.rawValue),
              case .string(let reply)? = object["replyUuid"] else { return nil }
        return reply
    }

    /// The Guance issue an issue property marks, when it is a marker written by the sync.
    public static func issueUUID(inIssueProperty value: JSONValue?) -> String? {
        guard case .object(let object)? = value, object["origin"] == .string(EventOrigin.guance.rawValue),
              case .string(let issue)? = object["issueUuid"] else { return nil }
        return issue
    }
}
