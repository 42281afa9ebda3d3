import Foundation
import PipelineTesting

/// The Guance simulator's state dump (`GET /__sim/state`), with the lookups the tests need.
struct SimState {
    let json: [String: Any]

    /// Injected faults not used up yet (a fault is used when its request arrives).
    var pendingFaults: Int { json["faults"] as? Int ?? 0 }

    /// The issue `uuid` (get shape).
    func issue(_ uuid: String) -> [String: Any]? {
        (json["issues"] as? [[String: Any]])?.first { $0["uuid"] as? String == uuid }
    }

    /// The issue's `statusType`.
    func statusType(of uuid: String) -> Int? {
        (issue(uuid)?["statusType"] as? NSNumber)?.intValue
    }

    /// The live `type: reply` replies of an issue.
    func replies(of issueUUID: String) -> [[String: Any]] {
        ((json["replies"] as? [[String: Any]]) ?? []).filter { reply in
            reply["issueUUID"] as? String == issueUUID && reply["type"] as? String == "reply" && !Self.isDeleted(reply)
        }
    }

    /// The live replies mirroring Jira comment `commentId` (by the sync's marker).
    func replies(of issueUUID: String, mirroring commentId: String) -> [[String: Any]] {
        replies(of: issueUUID).filter { reply in
            let marker = (reply["extend"] as? [String: Any])?["guanceJiraSync"] as? [String: Any]
            return marker?["commentId"] as? String == commentId
        }
    }

    /// Requests answered for an endpoint template, e.g. `POST /api/v1/issue/reply/create`.
    func count(_ endpoint: String) -> Int {
        let counts = (json["requests"] as? [String: Any])?["countsByEndpoint"] as? [String: Any]
        let byStatus = counts?[endpoint] as? [String: Any] ?? [:]
        return byStatus.values.reduce(0) { $0 + ((($1 as? NSNumber)?.intValue) ?? 0) }
    }

    /// Requests to `endpoint` answered with `status`.
    func count(_ endpoint: String, status: Int) -> Int {
        let counts = (json["requests"] as? [String: Any])?["countsByEndpoint"] as? [String: Any]
        return (((counts?[endpoint] as? [String: Any])?[String(status)]) as? NSNumber)?.intValue ?? 0
    }

    /// Requests that change something in Guance (reply create/modify/delete, issue add/modify).
    var writes: Int {
        Self.writeEndpoints.reduce(0) { $0 + count($1) }
    }

    /// Every product-API request answered.
    var total: Int {
        ((json["requests"] as? [String: Any])?["total"] as? NSNumber)?.intValue ?? -1
    }

    /// Requests the simulator's rate limiter throttled.
    var throttled: Int {
        ((json["requests"] as? [String: Any])?["throttled"] as? NSNumber)?.intValue ?? -1
    }

    static let replyCreate = "POST /api/v1/issue/reply/create"
    static let replyList = "GET /api/v1/issue/reply/{uuid}/list"
    static let replyModify = "POST /api/v1/issue/reply/{uuid}/modify"
    static let replyDelete = "DELETE /api/v1/issue/reply/{uuid}/delete"
    static let issueModify = "POST /api/v1/issue/{uuid}/modify"
    static let issueGet = "GET /api/v1/issue/{uuid}/get"
    static let writeEndpoints = [replyCreate, replyModify, replyDelete, issueModify, "POST /api/v1/issue/add"]

    private static func isDeleted(_ object: [String: Any]) -> Bool {
        guard let value = object["deleteAt"] as? NSNumber else { return false }
        return value.intValue != -1
    }
}

/// Reads values out of simulator JSON.
enum SimJSON {
    static func string(_ value: Any?) throws -> String {
        guard let string = value as? String else {
            throw DeploymentError("expected a string, got \(String(describing: value))")
        }
        return string
    }

    static func number(_ value: Any?) throws -> Double {
        guard let number = value as? NSNumber else {
            throw DeploymentError("expected a number, got \(String(describing: value))")
        }
        return number.doubleValue
    }
}
