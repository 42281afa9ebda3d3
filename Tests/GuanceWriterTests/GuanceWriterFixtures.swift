import Foundation
import GuanceAPI
import SyncCore

/// Builds API objects the way the client gets them (by decoding JSON) and sample events.
enum GuanceWriterFixtures {
    static func decode<Value: Decodable>(_ type: Value.Type, _ fields: [String: Any]) throws -> Value {
        try JSONDecoder().decode(type, from: JSONSerialization.data(withJSONObject: fields))
    }

    /// A reply as Guance would return it after creating `draft`.
    static func reply(created draft: GuanceReplyDraft, uuid: String = "repim_1") throws -> GuanceReply {
        let encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(draft)) as? [String: Any] ?? [:]
        var fields = encoded
        fields["uuid"] = uuid
        fields["type"] = "reply"
        fields["creator"] = "wsak_sync"
        fields["deleteAt"] = -1
        return try decode(GuanceReply.self, fields)
    }

    static func comment(
        body: String, id: String = "10001", author: String? = "张三 🚀", createdAt: Date? = date(0),
        updatedAt: Date? = nil, url: String? = "https://example.atlassian.net/browse/OPS-24?focusedCommentId=10001"
    ) -> JiraCommentChange {
        JiraCommentChange(
            issue: JiraIssueRef(id: "42", key: "OPS-24", guanceIssueUUID: "issue_1"), commentId: id, bodyText: body,
            author: JiraActor(id: "acc-1", displayName: author), createdAt: createdAt, updatedAt: updatedAt ?? createdAt,
            url: url
        )
    }

    /// 2026-11-30T00:00:00Z plus `seconds`.
    static func date(_ seconds: TimeInterval) -> Date { Date(timeIntervalSince1970: 1_795_996_800 + seconds) }

    static func policies(
        deleted: DeletionPolicy = .note, done: Int = 20, conflict: ConflictRule = .mostRecent
    ) -> SyncConfiguration.Policies {
        var policies = SyncConfiguration.Policies()
        policies.jiraCommentDeleted = deleted
        policies.jiraDoneStatusType = done
        policies.conflict = conflict
        return policies
    }
}
