public import AsyncHTTPClient
import Foundation
public import Logging
import RichText
import Synchronization

/// A client for Jira Cloud (REST v3) and Data Center (REST v2).
///
/// The same shape as `GuanceClient`: a `Sendable` struct made from an injected `HTTPClient` (owned
/// by the caller: shut it down after the client's last use), a configuration and a logger; it
/// throws ``JiraAPIError`` (an `APIError`), waits on the configuration's `APIClock`.
/// Reads, PUTs, DELETEs and upserts are retried with Atlassian's back-off; creates of issues and
/// comments are never repeated blindly (see ``JiraAPIError/ambiguousOutcome(operation:cause:)``).
public struct JiraClient: Sendable {
    /// The configuration this client was made with.
    public let configuration: JiraClientConfiguration
    let transport: JiraTransport
    let logger: Logger
    private let memory: Memory

    /// What the client learns about its server, shared by every copy of the client.
    private final class Memory: Sendable {
        let resolvedFlavor: Mutex<JiraFlavor?>
        let createPropertiesSupport = Mutex(CreatePropertiesSupport.unknown)

        init(flavor: JiraFlavor?) {
            resolvedFlavor = Mutex(flavor)
        }
    }

    /// Creates a client.
    /// - Parameters:
    ///   - httpClient: the shared HTTP client (not shut down by this object). In production give it
    ///     one that does not follow redirects (`StageHTTPClient`): a 3xx answer then fails the request
    ///     instead of carrying the credentials to wherever it points.
    ///   - configuration: site, credentials, flavour, retry policy, clock.
    ///   - logger: where requests, retries and throttling are logged (never credentials).
    public init(httpClient: HTTPClient = .shared, configuration: JiraClientConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
        transport = JiraTransport(
            httpClient: httpClient, configuration: configuration, throttle: JiraThrottle(), logger: logger)
        if case .fixed(let flavor) = configuration.flavor {
            memory = Memory(flavor: flavor)
        } else {
            memory = Memory(flavor: nil)
        }
    }

    /// The flavour in use: the configured one, or the one `serverInfo` reported (asked once).
    public func flavor() async throws -> JiraFlavor {
        if let known = memory.resolvedFlavor.withLock({ $0 }) { return known }
        let info = try await serverInfo()
        let detected = info.flavor
        memory.resolvedFlavor.withLock { $0 = detected }
        logger.info("Detected Jira flavour", metadata: [
            "jira.flavor": "\(detected.rawValue)", "jira.deployment_type": "\(info.deploymentType ?? "unknown")",
        ])
        return detected
    }

    /// `GET /rest/api/2/serverInfo` (available on both flavours).
    public func serverInfo() async throws -> JiraServerInfo {
        try await call(JiraRequest(.GET, "/rest/api/2/serverInfo", endpoint: "serverInfo"), as: JiraServerInfo.self)
    }

    // MARK: - Internal helpers

    /// Sends a request and decodes its success body.
    func call<Value: Decodable>(_ request: JiraRequest, as type: Value.Type) async throws -> Value {
        try await transport.send(request) { try $0.decode(type) }
    }

    /// Sends a request whose success body is irrelevant.
    func callIgnoringBody(_ request: JiraRequest) async throws {
        try await transport.send(request) { _ in () }
    }

    /// Sends a DELETE for which a 404 (already gone, e.g. after a retried delete) counts as done.
    func deleteTreatingNotFoundAsDone(_ request: JiraRequest) async throws {
        do {
            try await callIgnoringBody(request)
        } catch let error as JiraAPIError where error.isNotFound {
            logger.debug("Jira DELETE found nothing to delete", metadata: ["jira.operation": "\(request.operation)"])
        }
    }

    /// `prefix/issue/{key}` plus more already-encoded segments.
    func issuePath(_ flavor: JiraFlavor, _ issue: String, _ rest: String...) -> String {
        ([flavor.apiPrefix, "issue", JiraRequest.pathSegment(issue)] + rest).joined(separator: "/")
    }

    /// JSON of a value built from ``JSONValue``.
    func jsonBody(_ value: JSONValue) throws -> Data {
        try JSONEncoder().encode(value)
    }

    /// Rejects a body whose representation does not match the flavour.
    func requireNative(_ text: JiraRichText?, for flavor: JiraFlavor) throws {
        guard let text else { return }
        if text.nativeFlavor != flavor { throw JiraAPIError.richTextMismatch(flavor: flavor) }
    }

    /// A rich text as a JSON value.
    func jsonValue(_ text: JiraRichText) throws -> JSONValue {
        switch text {
        case .wiki(let markup): return .string(markup)
        case .adf(let node): return try JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(node))
        }
    }

    /// Entity properties as Jira's `[{"key":…,"value":…}]` list, in key order.
    func entityPropertyList(_ properties: [String: JSONValue]) -> JSONValue {
        .array(properties.sorted { $0.key < $1.key }.map { .object(["key": .string($0.key), "value": $0.value]) })
    }

    /// What this server has shown about `properties` in a create body.
    enum CreatePropertiesSupport: Sendable {
        /// Not tried yet (Data Center) — the first inline create is verified by reading back.
        case unknown
        /// Inline properties are stored.
        case inline
        /// Inline properties are refused or silently dropped: PUT them after the create.
        case putAfterCreate
    }

    /// The current knowledge about inline create properties.
    var createPropertiesState: CreatePropertiesSupport {
        get { memory.createPropertiesSupport.withLock { $0 } }
    }

    /// Records what a create showed about inline properties.
    func recordCreateProperties(_ support: CreatePropertiesSupport) {
        memory.createPropertiesSupport.withLock { $0 = support }
    }
}
