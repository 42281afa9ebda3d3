import Foundation

extension SyncEvent: Codable {
    private enum CodingKeys: String, CodingKey {
        case schemaVersion, id, type, origin, occurredAt, observedAt, data
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let version = try container.decode(Int.self, forKey: .schemaVersion)
        guard version == Self.currentSchemaVersion else {
            throw SyncEventDecodingError(
                reason: "schema version \(version) is not supported (this build reads \(Self.currentSchemaVersion))")
        }
        let rawType = try container.decode(String.self, forKey: .type)
        guard let type = EventType(rawValue: rawType) else {
            throw SyncEventDecodingError(reason: "unknown event type \(rawType)")
        }
        if let origin = try container.decodeIfPresent(EventOrigin.self, forKey: .origin), origin != type.origin {
            throw SyncEventDecodingError(reason: "origin \(origin.rawValue) does not match type \(rawType)")
        }
        let body: Body
        switch type {
        case .guanceIssueSnapshot: body = .guanceIssueSnapshot(try container.decode(GuanceIssueSnapshot.self, forKey: .data))
        case .guanceReplyCreated: body = .guanceReplyCreated(try container.decode(GuanceReplyChange.self, forKey: .data))
        case .guanceReplyEdited: body = .guanceReplyEdited(try container.decode(GuanceReplyChange.self, forKey: .data))
        case .guanceReplyDeleted: body = .guanceReplyDeleted(try container.decode(GuanceReplyDeletion.self, forKey: .data))
        case .jiraIssueStatusChanged: body = .jiraIssueStatusChanged(try container.decode(JiraStatusChange.self, forKey: .data))
        case .jiraIssueAssigneeChanged:
            body = .jiraIssueAssigneeChanged(try container.decode(JiraAssigneeChange.self, forKey: .data))
        case .jiraIssuePriorityChanged:
            body = .jiraIssuePriorityChanged(try container.decode(JiraPriorityChange.self, forKey: .data))
        case .jiraCommentCreated: body = .jiraCommentCreated(try container.decode(JiraCommentChange.self, forKey: .data))
        case .jiraCommentEdited: body = .jiraCommentEdited(try container.decode(JiraCommentChange.self, forKey: .data))
        case .jiraCommentDeleted: body = .jiraCommentDeleted(try container.decode(JiraCommentDeletion.self, forKey: .data))
        }
        self.init(
            schemaVersion: version,
            id: try container.decode(EventID.self, forKey: .id),
            occurredAt: try container.decode(Date.self, forKey: .occurredAt),
            observedAt: try container.decode(Date.self, forKey: .observedAt),
            body: body
        )
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(schemaVersion, forKey: .schemaVersion)
        try container.encode(id, forKey: .id)
        try container.encode(type.rawValue, forKey: .type)
        try container.encode(origin, forKey: .origin)
        try container.encode(occurredAt, forKey: .occurredAt)
        try container.encode(observedAt, forKey: .observedAt)
        switch body {
        case .guanceIssueSnapshot(let value): try container.encode(value, forKey: .data)
        case .guanceReplyCreated(let value), .guanceReplyEdited(let value): try container.encode(value, forKey: .data)
        case .guanceReplyDeleted(let value): try container.encode(value, forKey: .data)
        case .jiraIssueStatusChanged(let value): try container.encode(value, forKey: .data)
        case .jiraIssueAssigneeChanged(let value): try container.encode(value, forKey: .data)
        case .jiraIssuePriorityChanged(let value): try container.encode(value, forKey: .data)
        case .jiraCommentCreated(let value), .jiraCommentEdited(let value): try container.encode(value, forKey: .data)
        case .jiraCommentDeleted(let value): try container.encode(value, forKey: .data)
        }
    }
}
