import Foundation
import RichText
import SyncCore

/// The Guance simulator's state (`GET /__sim/state`), reduced to what the poller tests check.
struct SimulatorSnapshot {
    struct Issue {
        var uuid: String
        var name: String
        var statusType: Int
        var updateAt: Double?
        var deleted: Bool
    }

    struct Reply {
        var uuid: String
        var issueUUID: String
        var type: String
        var content: String
        var creator: String
        var carriesSyncMarker: Bool
        var deleted: Bool
    }

    var issues: [String: Issue]
    var replies: [Reply]
    /// Product-API requests the simulator answered.
    var totalRequests: Int
    /// Requests it throttled (per key or per workspace).
    var throttled: Int
    /// The paths of the reply-list requests in the simulator's request log (its latest 2,000 requests).
    var replyListPaths: [String]
    /// Requests per API key id (`wsak_…`) in the simulator's request log (its latest 2,000 requests).
    var requestsByKey: [String: Int]

    init(json: JSONValue) {
        var issues: [String: Issue] = [:]
        for issue in json["issues"]?.arrayValue ?? [] {
            let uuid = issue["uuid"]?.stringValue ?? ""
            issues[uuid] = Issue(
                uuid: uuid, name: issue["name"]?.stringValue ?? "",
                statusType: Int(issue["statusType"]?.intValue ?? 0), updateAt: Self.number(issue["updateAt"]),
                deleted: (Self.number(issue["deleteAt"]) ?? -1) != -1)
        }
        self.issues = issues
        replies = (json["replies"]?.arrayValue ?? []).map { reply in
            Reply(
                uuid: reply["uuid"]?.stringValue ?? "", issueUUID: reply["issueUUID"]?.stringValue ?? "",
                type: reply["type"]?.stringValue ?? "", content: reply["content"]?.stringValue ?? "",
                creator: reply["creator"]?.stringValue ?? "",
                carriesSyncMarker: reply["extend"]?[GuanceReplyMarker.extendKey] != nil,
                deleted: (Self.number(reply["deleteAt"]) ?? -1) != -1)
        }
        totalRequests = Int(json["requests"]?["total"]?.intValue ?? 0)
        throttled = Int(json["requests"]?["throttled"]?.intValue ?? 0)
        replyListPaths = (json["requests"]?["log"]?.arrayValue ?? [])
            .filter { $0["endpoint"]?.stringValue == "GET /api/v1/issue/reply/{uuid}/list" }
            .compactMap { $0["path"]?.stringValue }
        requestsByKey = Dictionary(
            (json["requests"]?["log"]?.arrayValue ?? []).compactMap { $0["keyID"]?.stringValue }.map { ($0, 1) },
            uniquingKeysWith: +)
    }

    /// Replies a human wrote as a plain reply: the ones the poller mirrors.
    var humanReplies: [Reply] {
        replies.filter { $0.type == "reply" && $0.creator.hasPrefix("acnt_") && !$0.carriesSyncMarker }
    }

    private static func number(_ value: JSONValue?) -> Double? {
        switch value {
        case .int(let number)?: Double(number)
        case .double(let number)?: number
        default: nil
        }
    }
}
