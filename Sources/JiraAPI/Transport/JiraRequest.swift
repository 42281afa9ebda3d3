import Foundation
import NIOHTTP1

/// One Jira REST call, before it is sent.
struct JiraRequest: Sendable {
    /// Whether the client may repeat the call on its own.
    enum Repeatability: Sendable {
        /// Reads, PUTs, DELETEs and upserts: repeating converges on the same state.
        case idempotent
        /// Creates (issue, comment): a repeat could duplicate, so failures with unknown effect are
        /// reported as ``JiraAPIError/ambiguousOutcome(operation:cause:)``.
        case nonIdempotent
    }

    var method: HTTPMethod
    /// The path below the site root, already percent-encoded per segment (see ``pathSegment(_:)``).
    var path: String
    var query: [(name: String, value: String)] = []
    var body: Data?
    /// The endpoint template for burst throttling, e.g. `issue/{key}/comment`.
    var endpoint: String
    /// The issue written to, for per-issue write limits.
    var issueWriteKey: String?
    var repeatability: Repeatability

    /// `METHOD path` without query, for logs and errors.
    var operation: String { "\(method.rawValue) \(path)" }

    var throttleScope: JiraThrottle.Scope {
        JiraThrottle.Scope(endpoint: "\(method.rawValue) \(endpoint)", issueWriteKey: issueWriteKey)
    }

    init(
        _ method: HTTPMethod, _ path: String, query: [(name: String, value: String)] = [], body: Data? = nil,
        endpoint: String, issueWriteKey: String? = nil, repeatability: Repeatability = .idempotent
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.body = body
        self.endpoint = endpoint
        self.issueWriteKey = issueWriteKey
        self.repeatability = repeatability
    }

    /// Percent-encodes one path segment (issue key, property key, …).
    static func pathSegment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    /// Renders `?a=b&c=d` with every name and value percent-encoded.
    var queryString: String {
        guard !query.isEmpty else { return "" }
        return "?" + query.map { item in
            (item.name.addingPercentEncoding(withAllowedCharacters: Self.unreserved) ?? item.name) + "="
                + (item.value.addingPercentEncoding(withAllowedCharacters: Self.unreserved) ?? item.value)
        }.joined(separator: "&")
    }

    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
