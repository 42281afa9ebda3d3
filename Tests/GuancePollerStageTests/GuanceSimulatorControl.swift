import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import RichText

/// Drives the Guance simulator of a test deployment through its `/__sim/` control API.
struct GuanceSimulatorControl {
    let baseURL: String

    /// The simulated sync key's id (the key the stage uses): replies it writes are the sync's own.
    static let syncKeyID = "wsak_a1b2c3d4e5f60718293a4b5c6d7e8f90"
    /// A second workspace member (the first is the default actor).
    static let alice = "acnt_0a1b2c3d4e5f60718293a4b5c6d7e8f9"

    /// Sends a control request and returns the JSON answer.
    @discardableResult
    func send(_ method: HTTPMethod, _ path: String, _ body: JSONValue? = nil) async throws -> JSONValue {
        var request = HTTPClientRequest(url: baseURL + "/__sim/" + path)
        request.method = method
        if let body {
            request.headers.add(name: "content-type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: try JSONEncoder().encode(body)))
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 64 * 1024 * 1024)
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(bytes.readableBytesView))
        guard response.status == .ok else { throw ControlError(description: "\(method) \(path): \(value)") }
        return value
    }

    /// Creates an issue; returns its UUID.
    func createIssue(
        name: String, description: String, actor: JSONValue? = nil, resourceType: String = "", resource: String = ""
    ) async throws -> String {
        var body: [String: JSONValue] = [
            "name": .string(name), "description": .string(description), "resourceType": .string(resourceType),
            "resource": .string(resource), "level": .string("system_level_1"),
        ]
        if let actor { body["actor"] = actor }
        return try await send(.POST, "issues", .object(body))["uuid"]?.stringValue ?? ""
    }

    /// Adds a reply; returns its UUID.
    func addReply(
        to issue: String, content: String, type: String = "reply", actor: JSONValue? = nil, extend: JSONValue? = nil
    ) async throws -> String {
        var body: [String: JSONValue] = ["content": .string(content), "type": .string(type)]
        if let actor { body["actor"] = actor }
        if let extend { body["extend"] = extend }
        return try await send(.POST, "issues/\(issue)/replies", .object(body))["uuid"]?.stringValue ?? ""
    }

    /// Edits a reply (as its creator, the default member).
    func editReply(_ reply: String, content: String) async throws {
        try await send(.POST, "replies/\(reply)/modify", .object(["content": .string(content)]))
    }

    /// Deletes a reply (as its creator, the default member).
    func deleteReply(_ reply: String) async throws {
        try await send(.POST, "replies/\(reply)/delete", .object([:]))
    }

    /// Changes an issue (`name`, `description`, `statusType`, …).
    func modifyIssue(_ issue: String, _ change: [String: JSONValue]) async throws {
        try await send(.POST, "issues/\(issue)/modify", .object(change))
    }

    /// Moves the simulated clock forward.
    func advanceClock(seconds: Double) async throws {
        try await send(.POST, "clock", .object(["advanceSeconds": .double(seconds)]))
    }

    /// Sets the simulated clock (it keeps ticking from there).
    func setClock(epochSeconds: Double) async throws {
        try await send(.POST, "clock", .object(["epochSeconds": .double(epochSeconds)]))
    }

    /// The whole simulator state (issues, replies, request counters).
    func state() async throws -> SimulatorSnapshot {
        SimulatorSnapshot(json: try await send(.GET, "state"))
    }
}

/// A control request the simulator refused.
struct ControlError: Error, CustomStringConvertible {
    var description: String
}
