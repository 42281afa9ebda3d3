import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The two simulators' control APIs, as the demo's "people" use them: a monitor and a Guance
/// member on one side, a Jira user on the other; and their state dumps, to watch both sides.
struct DemoSimulators: Sendable {
    let guanceURL: String
    let jiraURL: String
    let jiraAPIVersion: String
    let jiraUser = "alice@example.com"

    // MARK: Guance

    /// A monitor reports a problem; answers the issue's UUID.
    func monitorReports(title: String, message: String, resource: String) async throws -> String {
        let answer = try await call(guanceURL + "/__sim/monitor-events", body: [
            "title": title, "message": message, "resource": resource,
        ])
        guard let issue = answer["issue"] as? [String: Any], let uuid = issue["uuid"] as? String else {
            throw DemoFailure("the Guance simulator did not create an issue: \(answer)")
        }
        return uuid
    }

    /// A Guance member replies on the issue.
    func guanceMemberReplies(issue: String, content: String) async throws {
        _ = try await call(guanceURL + "/__sim/issues/\(issue)/replies", body: ["content": content])
    }

    /// The issue's status changes in Guance (e.g. the problem recurs: back to 10 Open).
    func guanceStatus(issue: String, statusType: Int, by actor: String) async throws {
        _ = try await call(guanceURL + "/__sim/issues/\(issue)/modify", body: ["statusType": statusType, "actor": actor])
    }

    /// The Guance issue and its replies.
    func guanceIssue(_ uuid: String) async throws -> (issue: [String: Any]?, replies: [[String: Any]]) {
        let state = try await call(guanceURL + "/__sim/state", method: .GET)
        let issue = (state["issues"] as? [[String: Any]])?.first { $0["uuid"] as? String == uuid }
        let replies = (state["replies"] as? [[String: Any]] ?? []).filter { $0["issueUUID"] as? String == uuid }
        return (issue, replies)
    }

    /// Guance requests so far and how many were throttled.
    func guanceRequests() async throws -> (total: Int, throttled: Int) {
        let state = try await call(guanceURL + "/__sim/state", method: .GET)
        let requests = state["requests"] as? [String: Any]
        return (requests?["total"] as? Int ?? 0, requests?["throttled"] as? Int ?? 0)
    }

    // MARK: Jira

    /// Jira issues carrying `label`, with their comments.
    func jiraIssues(label: String) async throws -> [(issue: [String: Any], comments: [[String: Any]])] {
        let state = try await call(jiraURL + "/__sim/state", method: .GET)
        let issues = (state["issues"] as? [[String: Any]] ?? []).filter { ($0["labels"] as? [String] ?? []).contains(label) }
        let comments = state["comments"] as? [[String: Any]] ?? []
        return issues.map { issue in
            (issue, comments.filter { $0["issueId"] as? String == issue["id"] as? String })
        }
    }

    /// The Jira user comments on `key`.
    func jiraUserComments(on key: String, text: String) async throws {
        let body: Any = jiraAPIVersion == "3"
            ? ["type": "doc", "version": 1, "content": [["type": "paragraph", "content": [["type": "text", "text": text]]]]]
            : text
        _ = try await call(jiraURL + "/__sim/as/\(jiraUser)/rest/api/\(jiraAPIVersion)/issue/\(key)/comment", body: ["body": body])
    }

    /// The Jira user moves `key` into the status category `category` (`done`, `new`, `indeterminate`).
    func jiraUserTransitions(_ key: String, toCategory category: String) async throws {
        let path = "/__sim/as/\(jiraUser)/rest/api/\(jiraAPIVersion)/issue/\(key)/transitions"
        let offered = try await call(jiraURL + path + "?expand=transitions.fields", method: .GET)
        let transitions = offered["transitions"] as? [[String: Any]] ?? []
        guard let transition = transitions.first(where: {
            (($0["to"] as? [String: Any])?["statusCategory"] as? [String: Any])?["key"] as? String == category
        }), let id = transition["id"] as? String else {
            throw DemoFailure("Jira offers no transition of \(key) into \(category)")
        }
        var body: [String: Any] = ["transition": ["id": id]]
        if category == "done", (transition["fields"] as? [String: Any])?["resolution"] != nil {
            body["fields"] = ["resolution": ["name": "Done"]]
        }
        _ = try await call(jiraURL + path, body: body)
    }

    // MARK: HTTP

    private func call(_ url: String, method: HTTPMethod = .POST, body: [String: Any]? = nil) async throws -> [String: Any] {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(15))
        let bytes = try await response.body.collect(upTo: 64 * 1024 * 1024)
        guard (200..<300).contains(response.status.code) else {
            throw DemoFailure("\(method.rawValue) \(url): HTTP \(response.status.code) \(String(buffer: bytes))")
        }
        guard bytes.readableBytes > 0 else { return [:] }
        return (try? JSONSerialization.jsonObject(with: Data(bytes.readableBytesView))) as? [String: Any] ?? [:]
    }
}
