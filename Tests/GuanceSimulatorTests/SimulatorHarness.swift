import AsyncHTTPClient
import Foundation
import GuanceSimulator
import Logging
import NIOCore
import NIOHTTP1
import RichText

/// A frozen start time for deterministic timestamps.
let testEpoch: Double = 1_750_000_000

/// A second key, for actor and workspace-limit tests.
let secondKey = GuanceSimulatedAPIKey(name: "Feishu Bot", id: "wsak_22222222222222222222222222222222", secret: "second")

extension GuanceSimulatorOptions {
    /// Options for tests: manual clock, two keys, rate limits off unless a test turns them on.
    static func testing(
        rateLimits: GuanceRateLimitOptions = GuanceRateLimitOptions(perKeyPerMinute: nil, perWorkspacePerMinute: nil),
        behaviour: GuanceSimulatorBehaviour = GuanceSimulatorBehaviour()
    ) -> GuanceSimulatorOptions {
        GuanceSimulatorOptions(
            apiKeys: [.jiraSystem, secondKey], rateLimits: rateLimits, clock: .manual(epochSeconds: testEpoch),
            behaviour: behaviour
        )
    }
}

/// A response as a test sees it.
struct APIResponse: Sendable {
    let status: Int
    let json: JSONValue

    var content: JSONValue { json["content"] ?? .null }
    var errorCode: String? { json["errorCode"]?.stringValue }
}

/// A minimal raw HTTP client speaking to the simulator (deliberately not the GuanceAPI client).
struct RawClient: Sendable {
    let baseURL: URL
    var apiKey: String? = GuanceSimulatedAPIKey.jiraSystem.secret

    func send(_ method: HTTPMethod, _ path: String, body: JSONValue? = nil) async throws -> APIResponse {
        let (status, bytes) = try await sendRaw(method, path, body: body)
        let json = try JSONDecoder().decode(JSONValue.self, from: Data(bytes))
        return APIResponse(status: status, json: json)
    }

    /// Sends `body` encoded as JSON, or `rawBody` verbatim.
    func sendRaw(
        _ method: HTTPMethod, _ path: String, body: JSONValue? = nil, rawBody: String? = nil
    ) async throws -> (Int, [UInt8]) {
        var request = HTTPClientRequest(url: baseURL.absoluteString + path)
        request.method = method
        request.headers.add(name: "Content-Type", value: "application/json;charset=UTF-8")
        if let apiKey { request.headers.add(name: "DF-API-KEY", value: apiKey) }
        if let body { request.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(body))) }
        if let rawBody { request.body = .bytes(ByteBuffer(string: rawBody)) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let buffer = try await response.body.collect(upTo: 16 << 20)
        return (Int(response.status.code), Array(buffer.readableBytesView))
    }

    func post(_ path: String, _ body: JSONValue = .object([:])) async throws -> APIResponse {
        try await send(.POST, path, body: body)
    }

    func get(_ path: String) async throws -> APIResponse {
        try await send(.GET, path)
    }
}

/// Runs `body` against a fresh simulator.
func withSimulator(
    _ options: GuanceSimulatorOptions = .testing(),
    _ body: (GuanceSimulator, RawClient) async throws -> Void
) async throws {
    let simulator = GuanceSimulator(
        options: options,
        logger: Logger(label: "guance-sim-test") { _ in
            SwiftLogNoOpLogHandler()
        })
    try await simulator.withRunningServer { url in
        try await body(simulator, RawClient(baseURL: url))
    }
}

/// JSON literal helpers.
extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { $1 }))
    }
}

extension RawClient {
    /// Creates an issue through the product API and returns its uuid.
    func addIssue(
        name: String, description: String = "d", level: JSONValue = "system_level_2", extend: JSONValue = [:],
        extra: [String: JSONValue] = [:]
    ) async throws -> String {
        var body: [String: JSONValue] = [
            "name": .string(name), "description": .string(description), "level": level, "extend": extend,
        ]
        body.merge(extra) { $1 }
        let response = try await post("/api/v1/issue/add", .object(body))
        guard response.status == 200, let uuid = response.content["uuid"]?.stringValue else {
            throw SimulatorTestFailure(message: "add failed: \(response.json)")
        }
        return uuid
    }

    /// `issue/list` and returns (uuids, pageInfo).
    func list(_ body: JSONValue = [:]) async throws -> (uuids: [String], pageInfo: JSONValue?, status: Int) {
        let response = try await post("/api/v1/issue/list", body)
        let uuids = response.content["data"]?.arrayValue?.compactMap { $0["uuid"]?.stringValue } ?? []
        return (uuids, response.content["pageInfo"], response.status)
    }
}

struct SimulatorTestFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
