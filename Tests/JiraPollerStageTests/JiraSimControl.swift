import AsyncHTTPClient
import Foundation
import NIOCore

/// Drives the Jira simulator of a test deployment through its HTTP control API, acting as a person
/// (`/__sim/as/<user>/rest/api/…`, the product API without auth, faults or rate limits).
struct JiraSimControl {
    /// The simulator's base URL.
    let baseURL: String
    /// Whether the simulator imitates Cloud (REST v3 and ADF bodies) or Data Center (v2, wiki).
    let isCloud: Bool

    /// The human of the default users.
    static let human = "alice"
    /// The sync account of the default users.
    static let sync = "sync"

    private var api: String { isCloud ? "rest/api/3" : "rest/api/2" }

    /// Creates an issue as `user` in project OPS (Bug) with `labels`; returns (id, key).
    func createIssue(as user: String, summary: String, labels: [String]) async throws -> (id: String, key: String) {
        let body: [String: Any] = [
            "fields": [
                "project": ["key": "OPS"], "issuetype": ["id": "10004"], "summary": summary, "labels": labels,
            ],
        ]
        let created = try await act(as: user, "POST", "\(api)/issue", body: body, expect: 201)
        return (created["id"] as? String ?? "", created["key"] as? String ?? "")
    }

    /// Adds a comment as `user`, optionally with comment properties; returns its id.
    func addComment(as user: String, issue: String, text: String, properties: [String: Any] = [:]) async throws -> String {
        var body: [String: Any] = ["body": richBody(text)]
        if !properties.isEmpty { body["properties"] = properties.map { ["key": $0.key, "value": $0.value] } }
        let created = try await act(as: user, "POST", "\(api)/issue/\(issue)/comment", body: body, expect: 201)
        return created["id"] as? String ?? ""
    }

    /// Replaces a comment's text as `user`.
    func editComment(as user: String, issue: String, commentId: String, text: String) async throws {
        _ = try await act(as: user, "PUT", "\(api)/issue/\(issue)/comment/\(commentId)", body: ["body": richBody(text)], expect: 200)
    }

    /// Deletes a comment as `user`.
    func deleteComment(as user: String, issue: String, commentId: String) async throws {
        _ = try await act(as: user, "DELETE", "\(api)/issue/\(issue)/comment/\(commentId)", body: nil, expect: 204)
    }

    /// Deletes an issue as `user`.
    func deleteIssue(as user: String, issue: String) async throws {
        _ = try await act(as: user, "DELETE", "\(api)/issue/\(issue)", body: nil, expect: 204)
    }

    /// An issue's `fields` as `user` sees them (the JSON object).
    func fields(as user: String, issue: String, _ names: [String]) async throws -> [String: Any] {
        let read = try await act(as: user, "GET", "\(api)/issue/\(issue)?fields=\(names.joined(separator: ","))", body: nil, expect: 200)
        return read["fields"] as? [String: Any] ?? [:]
    }

    /// Moves an issue as `user` to the first status of category `categoryKey`, with a resolution when required.
    func transition(as user: String, issue: String, toCategory categoryKey: String) async throws {
        let listed = try await act(
            as: user, "GET", "\(api)/issue/\(issue)/transitions?expand=transitions.fields", body: nil, expect: 200)
        let transitions = listed["transitions"] as? [[String: Any]] ?? []
        guard let transition = transitions.first(where: {
            (($0["to"] as? [String: Any])?["statusCategory"] as? [String: Any])?["key"] as? String == categoryKey
        }), let id = transition["id"] as? String else {
            throw ControlError("no transition to \(categoryKey) on \(issue)")
        }
        var body: [String: Any] = ["transition": ["id": id]]
        let resolutionRequired = ((transition["fields"] as? [String: Any])?["resolution"] as? [String: Any])?["required"] as? Bool
        if resolutionRequired == true {
            let resolutions = try await actList(as: user, "rest/api/2/resolution")
            body["fields"] = ["resolution": ["id": resolutions.first?["id"] as? String ?? ""]]
        }
        _ = try await act(as: user, "POST", "\(api)/issue/\(issue)/transitions", body: body, expect: 204)
    }

    /// Adds and removes labels of an issue as `user` (the `update` operations of an issue edit).
    func editLabels(as user: String, issue: String, add: [String] = [], remove: [String] = []) async throws {
        let operations = add.map { ["add": $0] } + remove.map { ["remove": $0] }
        _ = try await act(as: user, "PUT", "\(api)/issue/\(issue)", body: ["update": ["labels": operations]], expect: 204)
    }

    /// Registers an admin webhook delivering every event to `url`, signed with `secret`.
    func registerWebhook(url: String, secret: String?) async throws {
        var body: [String: Any] = ["url": url]
        if let secret { body["secret"] = secret }
        _ = try await request("POST", "__sim/webhooks", body: body, expect: 201)
    }

    /// Product-API requests served so far whose label contains `fragment` (e.g. `search`).
    func requestCount(containing fragment: String) async throws -> Int {
        let state = try await request("GET", "__sim/state", body: nil, expect: 200)
        let counts = state["requestCounts"] as? [String: Any] ?? [:]
        return counts.filter { $0.key.contains(fragment) }.values.compactMap { ($0 as? NSNumber)?.intValue }.reduce(0, +)
    }

    /// The JQL of the latest product searches, oldest first (the simulator keeps the last 500).
    func recentSearches() async throws -> [String] {
        let state = try await request("GET", "__sim/state", body: nil, expect: 200)
        return state["recentSearches"] as? [String] ?? []
    }

    private func richBody(_ text: String) -> Any {
        guard isCloud else { return text }
        return [
            "type": "doc", "version": 1,
            "content": [["type": "paragraph", "content": [["type": "text", "text": text]]]],
        ] as [String: Any]
    }

    private func act(as user: String, _ method: String, _ path: String, body: Any?, expect: Int) async throws -> [String: Any] {
        try await request(method, "__sim/as/\(user)/\(path)", body: body, expect: expect)
    }

    private func actList(as user: String, _ path: String) async throws -> [[String: Any]] {
        let data = try await send("GET", "__sim/as/\(user)/\(path)", body: nil, expect: 200)
        return (try JSONSerialization.jsonObject(with: data) as? [[String: Any]]) ?? []
    }

    private func request(_ method: String, _ path: String, body: Any?, expect: Int) async throws -> [String: Any] {
        let data = try await send(method, path, body: body, expect: expect)
        guard !data.isEmpty else { return [:] }
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }

    private func send(_ method: String, _ path: String, body: Any?, expect: Int) async throws -> Data {
        let base = baseURL.hasSuffix("/") ? baseURL : baseURL + "/"
        var request = HTTPClientRequest(url: base + path)
        request.method = .init(rawValue: method)
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: Array(try JSONSerialization.data(withJSONObject: body))))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 16 * 1024 * 1024)
        let data = Data(bytes.readableBytesView)
        guard Int(response.status.code) == expect else {
            throw ControlError("\(method) \(path) answered \(response.status.code): \(String(decoding: data, as: UTF8.self))")
        }
        return data
    }
}

/// A control request that did not do what the test needed.
struct ControlError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
