import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The two simulators' control APIs (`/__sim/`), as people use the products: a monitor and a
/// Guance member on one side, a Jira user on the other; plus their state dumps, to watch both
/// sides. Used by `sync-dev demo` and the end-to-end tests.
package struct SimulatorControl: Sendable {
    /// Base URL of the Guance simulator.
    package let guanceURL: String
    /// Base URL of the Jira simulator.
    package let jiraURL: String
    /// `3` (Cloud) or `2` (Data Center).
    package let jiraAPIVersion: String
    /// The Jira user who acts as a human (not the sync account).
    package let jiraUser: String

    /// Creates a control client.
    package init(guanceURL: String, jiraURL: String, jiraAPIVersion: String, jiraUser: String = "alice@example.com") {
        self.guanceURL = guanceURL
        self.jiraURL = jiraURL
        self.jiraAPIVersion = jiraAPIVersion
        self.jiraUser = jiraUser
    }

    // MARK: Guance

    /// A monitor reports a problem; answers the issue's UUID.
    package func monitorReports(title: String, message: String, resource: String) async throws -> String {
        let answer = try await call(guanceURL + "/__sim/monitor-events", body: [
            "title": title, "message": message, "resource": resource,
        ])
        guard let issue = answer["issue"] as? [String: Any], let uuid = issue["uuid"] as? String else {
            throw SimulatorControlError("the Guance simulator did not create an issue: \(answer)")
        }
        return uuid
    }

    /// A Guance member replies on the issue; answers the reply's UUID.
    @discardableResult
    package func guanceMemberReplies(issue: String, content: String) async throws -> String {
        let reply = try await call(guanceURL + "/__sim/issues/\(issue)/replies", body: ["content": content])
        return reply["uuid"] as? String ?? ""
    }

    /// Another integration (PagerDuty, ServiceNow, …) replies through its own API key, not the
    /// sync's: the reply's `creator` is `keyID` (`wsak_…`) and `creatorInfo.name` is `keyName`.
    /// Answers the reply's UUID.
    @discardableResult
    package func guanceIntegrationReplies(issue: String, content: String, keyID: String, keyName: String) async throws -> String {
        let reply = try await call(guanceURL + "/__sim/issues/\(issue)/replies", body: [
            "content": content, "actor": ["kind": "apiKey", "uuid": keyID, "name": keyName],
        ])
        return reply["uuid"] as? String ?? ""
    }

    /// A person (member, or `monitor`) creates an issue; answers its UUID.
    package func guanceCreateIssue(
        name: String, description: String, level: String = "system_level_2", resourceType: String = "",
        resource: String = "", actor: String? = nil
    ) async throws -> String {
        var body: [String: Any] = [
            "name": name, "description": description, "level": level, "resourceType": resourceType, "resource": resource,
        ]
        if let actor { body["actor"] = actor }
        let issue = try await call(guanceURL + "/__sim/issues", body: body)
        guard let uuid = issue["uuid"] as? String else { throw SimulatorControlError("no issue created: \(issue)") }
        return uuid
    }

    /// Sets the Guance simulator's limits (requests per minute, per key and per workspace).
    package func guanceRateLimits(perKey: Int, perWorkspace: Int) async throws {
        _ = try await call(guanceURL + "/__sim/rate-limits", body: [
            "perKeyPerMinute": perKey, "perWorkspacePerMinute": perWorkspace,
        ])
    }

    /// The whole Guance simulator state (issues, replies, request log and counters).
    package func guanceState() async throws -> [String: Any] {
        try await call(guanceURL + "/__sim/state", method: .GET)
    }

    /// The whole Jira simulator state (issues, comments, request counts per route and status).
    package func jiraState() async throws -> [String: Any] {
        try await call(jiraURL + "/__sim/state", method: .GET)
    }

    /// Writes the sync made so far: Guance requests that change something (reply/modify calls by
    /// the API key) and Jira requests with a writing method, counted from the state dumps.
    package func writeCounts() async throws -> (guance: Int, jira: Int) {
        let guance = try await guanceState()
        // The counters, not the request log: the log keeps only the latest entries.
        let guanceCounts = (guance["requests"] as? [String: Any])?["countsByEndpoint"] as? [String: Any] ?? [:]
        let guanceWrites = guanceCounts.filter { endpoint, _ in
            ["/add", "/modify", "/create", "/delete"].contains { endpoint.hasSuffix($0) }
        }.values.reduce(0) { total, byStatus in
            total + ((byStatus as? [String: Any])?.values.compactMap { $0 as? Int }.reduce(0, +) ?? 0)
        }
        let jira = try await jiraState()
        let counts = jira["requestCounts"] as? [String: Any] ?? [:]
        let jiraWrites = counts.filter { key, _ in
            ["POST", "PUT", "DELETE"].contains { key.hasPrefix($0) } && !key.contains("search")
        }.values.compactMap { $0 as? Int }.reduce(0, +)
        return (guanceWrites, jiraWrites)
    }

    /// The issue's status changes in Guance (e.g. the problem recurs: back to 10 Open).
    /// - Returns: the `statusType` the issue had right before (read in the same step as the change).
    @discardableResult
    package func guanceStatus(issue: String, statusType: Int, by actor: String) async throws -> Int? {
        let issue = try await call(guanceURL + "/__sim/issues/\(issue)/modify", body: ["statusType": statusType, "actor": actor])
        return (issue["previousStatusType"] as? NSNumber)?.intValue
    }

    /// A member (or `monitor`) sets the issue's assignees (`extend.manager`: accounts, teams, e-mails).
    package func guanceAssign(issue: String, managers: [String], by actor: String) async throws {
        _ = try await call(guanceURL + "/__sim/issues/\(issue)/modify", body: ["managers": managers, "actor": actor])
    }

    /// A member (or `monitor`) changes the issue's level (`system_level_0` …, `issl_…`).
    package func guanceLevel(issue: String, level: String, by actor: String) async throws {
        _ = try await call(guanceURL + "/__sim/issues/\(issue)/modify", body: ["level": level, "actor": actor])
    }

    /// The Guance issue and its replies.
    package func guanceIssue(_ uuid: String) async throws -> (issue: [String: Any]?, replies: [[String: Any]]) {
        let state = try await call(guanceURL + "/__sim/state", method: .GET)
        let issue = (state["issues"] as? [[String: Any]])?.first { $0["uuid"] as? String == uuid }
        let replies = (state["replies"] as? [[String: Any]] ?? []).filter { $0["issueUUID"] as? String == uuid }
        return (issue, replies)
    }

    /// The replies of one Guance issue (without the whole state: for large workspaces).
    package func guanceReplies(of uuid: String) async throws -> [[String: Any]] {
        try await call(guanceURL + "/__sim/issues/\(uuid)/replies", method: .GET)["replies"] as? [[String: Any]] ?? []
    }

    /// Adds `count` monitor issues created evenly between two instants, every `openEvery`-th still
    /// open and the rest resolved (a workspace's history, written without requests).
    /// - Returns: each issue's UUID and `statusType`, oldest first.
    package func guanceHistory(count: Int, from: Date, to: Date, openEvery: Int) async throws -> [(uuid: String, statusType: Int)] {
        let answer = try await call(guanceURL + "/__sim/history", body: [
            "count": count, "fromEpochSeconds": from.timeIntervalSince1970, "toEpochSeconds": to.timeIntervalSince1970,
            "openEvery": openEvery,
        ])
        return (answer["issues"] as? [[String: Any]] ?? []).compactMap { issue in
            guard let uuid = issue["uuid"] as? String, let status = (issue["statusType"] as? NSNumber)?.intValue else { return nil }
            return (uuid, status)
        }
    }

    /// Changes Guance simulator behaviour switches (`GuanceSimulatorBehaviour`, e.g. `timeWindowField`).
    package func guanceBehaviour(_ patch: [String: Any]) async throws {
        _ = try await call(guanceURL + "/__sim/behaviour", body: patch)
    }

    /// Jira requests so far and how many were answered 429, from the simulator's per-route counters.
    package func jiraRequests() async throws -> (total: Int, throttled: Int) {
        let counts = ((try await jiraState())["requestCounts"] as? [String: Any] ?? [:]).mapValues { ($0 as? NSNumber)?.intValue ?? 0 }
        return (counts.values.reduce(0, +), counts.filter { $0.key.hasSuffix(" 429") }.values.reduce(0, +))
    }

    /// Guance requests so far and how many were throttled.
    package func guanceRequests() async throws -> (total: Int, throttled: Int) {
        let state = try await call(guanceURL + "/__sim/state", method: .GET)
        let requests = state["requests"] as? [String: Any]
        return (requests?["total"] as? Int ?? 0, requests?["throttled"] as? Int ?? 0)
    }

    // MARK: Jira

    /// Jira issues carrying `label`, with their comments.
    package func jiraIssues(label: String) async throws -> [(issue: [String: Any], comments: [[String: Any]])] {
        let state = try await call(jiraURL + "/__sim/state", method: .GET)
        let issues = (state["issues"] as? [[String: Any]] ?? []).filter { ($0["labels"] as? [String] ?? []).contains(label) }
        let comments = state["comments"] as? [[String: Any]] ?? []
        return issues.map { issue in
            (issue, comments.filter { $0["issueId"] as? String == issue["id"] as? String })
        }
    }

    /// The Jira user comments on `key`.
    package func jiraUserComments(on key: String, text: String) async throws {
        let body: Any = jiraAPIVersion == "3"
            ? ["type": "doc", "version": 1, "content": [["type": "paragraph", "content": [["type": "text", "text": text]]]]]
            : text
        _ = try await call(jiraURL + "/__sim/as/\(jiraUser)/rest/api/\(jiraAPIVersion)/issue/\(key)/comment", body: ["body": body])
    }

    /// The Jira user moves `key` into the status category `category` (`done`, `new`, `indeterminate`).
    package func jiraUserTransitions(_ key: String, toCategory category: String) async throws {
        let path = "/__sim/as/\(jiraUser)/rest/api/\(jiraAPIVersion)/issue/\(key)/transitions"
        let offered = try await call(jiraURL + path + "?expand=transitions.fields", method: .GET)
        let transitions = offered["transitions"] as? [[String: Any]] ?? []
        guard let transition = transitions.first(where: {
            (($0["to"] as? [String: Any])?["statusCategory"] as? [String: Any])?["key"] as? String == category
        }), let id = transition["id"] as? String else {
            throw SimulatorControlError("Jira offers no transition of \(key) into \(category)")
        }
        var body: [String: Any] = ["transition": ["id": id]]
        if category == "done", (transition["fields"] as? [String: Any])?["resolution"] != nil {
            body["fields"] = ["resolution": ["name": "Done"]]
        }
        _ = try await call(jiraURL + path, body: body)
    }

    /// The Jira user assigns `key` to a person (Cloud names them by `accountId`, Data Center by user
    /// `name`), or unassigns it (`nil`).
    package func jiraUserAssigns(_ key: String, to person: (accountId: String, name: String)?) async throws {
        let field = jiraAPIVersion == "3" ? "accountId" : "name"
        let value: Any = person.map { jiraAPIVersion == "3" ? $0.accountId : $0.name } ?? NSNull()
        let path = "/__sim/as/\(jiraUser)/rest/api/\(jiraAPIVersion)/issue/\(key)/assignee"
        _ = try await call(jiraURL + path, method: .PUT, body: [field: value])
    }

    /// The Jira user sets `key`'s priority (by id).
    package func jiraUserSetsPriority(_ key: String, priorityId: String) async throws {
        let path = "/__sim/as/\(jiraUser)/rest/api/\(jiraAPIVersion)/issue/\(key)"
        _ = try await call(jiraURL + path, method: .PUT, body: ["fields": ["priority": ["id": priorityId]]])
    }

    /// Whether Jira Cloud profiles hide people's e-mail addresses from the API from now on.
    package func jiraEmailsHidden(_ hidden: Bool) async throws {
        _ = try await call(jiraURL + "/__sim/email-visibility", body: ["hidden": hidden])
    }

    /// The Jira user moves `key` into the status with id `statusId` (e.g. Resolved `5` or Closed `6` in
    /// the classic workflow), answering a required resolution.
    package func jiraUserTransitions(_ key: String, toStatus statusId: String) async throws {
        let path = "/__sim/as/\(jiraUser)/rest/api/\(jiraAPIVersion)/issue/\(key)/transitions"
        let offered = try await call(jiraURL + path + "?expand=transitions.fields", method: .GET)
        let transitions = offered["transitions"] as? [[String: Any]] ?? []
        guard let transition = transitions.first(where: { ($0["to"] as? [String: Any])?["id"] as? String == statusId }),
            let id = transition["id"] as? String
        else {
            throw SimulatorControlError("Jira offers no transition of \(key) into status \(statusId)")
        }
        var body: [String: Any] = ["transition": ["id": id]]
        if (transition["fields"] as? [String: Any])?["resolution"] != nil {
            body["fields"] = ["resolution": ["name": "Done"]]
        }
        _ = try await call(jiraURL + path, body: body)
    }

    // MARK: HTTP

    /// Sends a control or product request and answers the JSON object (empty for no body). An
    /// idempotent request (by default a `GET`) is sent again, twice at most, when the connection
    /// fails before an answer (a loaded machine, a pooled connection closed under it); another is
    /// not, since it may have been applied.
    package func call(
        _ url: String, method: HTTPMethod = .POST, body: [String: Any]? = nil, idempotent: Bool? = nil
    ) async throws -> [String: Any] {
        let retries = (idempotent ?? (method == .GET)) ? 2 : 0
        var attempt = 0
        while true {
            do {
                return try await callOnce(url, method: method, body: body)
            } catch where attempt < retries && Self.isConnectionFailure(error) {
                attempt += 1
                try await Task.sleep(for: .milliseconds(200 * attempt))
            }
        }
    }

    /// Whether `error` is the connection failing (no HTTP answer), not an answer.
    static func isConnectionFailure(_ error: any Error) -> Bool {
        if error is IOError { return true }
        guard let error = error as? HTTPClientError else { return false }
        return [HTTPClientError.remoteConnectionClosed, .readTimeout, .connectTimeout].contains(error)
    }

    private func callOnce(_ url: String, method: HTTPMethod, body: [String: Any]?) async throws -> [String: Any] {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let bytes = try await response.body.collect(upTo: 64 * 1024 * 1024)
        guard (200..<300).contains(response.status.code) else {
            throw SimulatorControlError("\(method.rawValue) \(url): HTTP \(response.status.code) \(String(buffer: bytes))")
        }
        guard bytes.readableBytes > 0 else { return [:] }
        return (try? JSONSerialization.jsonObject(with: Data(bytes.readableBytesView))) as? [String: Any] ?? [:]
    }
}

/// A control call that failed or answered something unexpected.
package struct SimulatorControlError: Error, CustomStringConvertible {
    /// What went wrong.
    package var description: String

    /// Creates an error.
    package init(_ description: String) {
        self.description = description
    }
}
