import Foundation
import GuanceAPI

/// Builds API objects the way the client gets them: by decoding JSON.
enum GuanceFixtures {
    static func issue(_ fields: [String: Any]) throws -> GuanceIssue {
        try JSONDecoder().decode(GuanceIssue.self, from: JSONSerialization.data(withJSONObject: fields))
    }

    static func reply(_ fields: [String: Any]) throws -> GuanceReply {
        try JSONDecoder().decode(GuanceReply.self, from: JSONSerialization.data(withJSONObject: fields))
    }

    /// A human reply by `acnt_alice` on `issue`, created at `createAt` seconds.
    static func humanReply(
        _ uuid: String, issue: String = "issue_1", content: String, createAt: Int, updateAt: Int = -1,
        deleteAt: Int = -1, extra: [String: Any] = [:]
    ) throws -> GuanceReply {
        var fields: [String: Any] = [
            "uuid": uuid, "issueUUID": issue, "type": "reply", "content": content, "creator": "acnt_alice",
            "createAt": createAt, "updateAt": updateAt, "deleteAt": deleteAt, "extend": [:],
        ]
        fields.merge(extra) { $1 }
        return try reply(fields)
    }

    /// A plain open issue created at `createAt` and updated at `updateAt` seconds.
    static func simpleIssue(_ uuid: String, name: String = "磁盘告警", createAt: Int, updateAt: Int, status: Int = 10)
        throws -> GuanceIssue
    {
        try issue([
            "uuid": uuid, "name": name, "description": "desc", "level": "system_level_2", "statusType": status,
            "creator": "acnt_alice", "createAt": createAt, "updateAt": updateAt, "deleteAt": -1,
            "workspaceUUID": "wksp_1", "extend": [:],
        ])
    }
}
