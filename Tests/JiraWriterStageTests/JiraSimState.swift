import Foundation

/// The Jira simulator's `/__sim/state`, reduced to what the tests compare.
struct JiraSimState: Sendable {
    /// An issue as the simulator holds it.
    struct Issue: Sendable, Equatable {
        var id: String
        var key: String
        var summary: String
        var labels: [String]
        var statusCategory: String?
        var resolution: String?
        var updated: String
        /// The issue's properties, serialized (sorted keys) for comparison.
        var propertiesJSON: String
        var properties: [String: Any] { Self.object(propertiesJSON) }

        static func object(_ json: String) -> [String: Any] {
            (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] ?? [:]
        }
    }

    /// A comment as the simulator holds it.
    struct Comment: Sendable, Equatable {
        var id: String
        var issueKey: String
        var updated: String
        var bodyJSON: String
        var propertiesJSON: String
        var properties: [String: Any] { Issue.object(propertiesJSON) }
    }

    var issues: [Issue]
    var comments: [Comment]
    var requestCounts: [String: Int]

    init(json: Data) throws {
        let root = try JSONSerialization.jsonObject(with: json) as? [String: Any] ?? [:]
        issues = (root["issues"] as? [[String: Any]] ?? []).map { issue in
            Issue(
                id: issue["id"] as? String ?? "", key: issue["key"] as? String ?? "", summary: issue["summary"] as? String ?? "",
                labels: issue["labels"] as? [String] ?? [], statusCategory: issue["statusCategory"] as? String,
                resolution: issue["resolution"] as? String, updated: issue["updated"] as? String ?? "",
                propertiesJSON: Self.serialized(issue["properties"]))
        }
        comments = (root["comments"] as? [[String: Any]] ?? []).map { comment in
            Comment(
                id: comment["id"] as? String ?? "", issueKey: comment["issueKey"] as? String ?? "",
                updated: comment["updated"] as? String ?? "", bodyJSON: Self.serialized(comment["body"]),
                propertiesJSON: Self.serialized(comment["properties"]))
        }
        requestCounts = root["requestCounts"] as? [String: Int] ?? [:]
    }

    /// Issues labelled `guance-<uuid>` (the sync's marker).
    func issues(forGuance uuid: String) -> [Issue] {
        issues.filter { $0.labels.contains("guance-" + uuid) }
    }

    /// Comments whose sync marker names `replyUUID`.
    func comments(forReply replyUUID: String) -> [Comment] {
        comments.filter { comment in
            comment.properties.values.contains { ($0 as? [String: Any])?["replyUuid"] as? String == replyUUID }
        }
    }

    /// Requests served whose label (`METHOD /route status`) starts with `method`.
    func requests(_ method: String) -> Int {
        requestCounts.filter { $0.key.hasPrefix(method + " ") }.values.reduce(0, +)
    }

    private static func serialized(_ value: Any?) -> String {
        guard let value, JSONSerialization.isValidJSONObject(value),
            let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])
        else { return value.map { "\($0)" } ?? "null" }
        return String(decoding: data, as: UTF8.self)
    }
}
