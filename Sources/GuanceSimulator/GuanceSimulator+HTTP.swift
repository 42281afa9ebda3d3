import Foundation
import Hummingbird
import NIOCore
import RichText

/// The HTTP layer: body collection, faults, and handing product requests to the state.
extension GuanceSimulator {
    /// The largest request body accepted.
    static let maxBodyBytes = 8 << 20

    func respond(to request: Request, context: SimulatorRequestContext) async throws -> Response {
        var request = request
        let path = request.uri.path
        let method = request.method.rawValue
        let bytes = Array(try await request.collectBody(upTo: Self.maxBodyBytes).readableBytesView)
        if path == "/__sim" || path.hasPrefix("/__sim/") {
            return controlResponse(method: method, path: path, body: bytes)
        }
        let now = clock.now()
        let effect = state.withLock { state -> GuanceFault.Effect? in
            guard let index = state.faults.firstIndex(where: { $0.matches(method: method, path: path) }) else {
                return nil
            }
            if let remaining = state.faults[index].remaining { state.faults[index].remaining = remaining - 1 }
            state.log.noteInjectedFault()
            return state.faults[index].effect
        }
        if let effect {
            switch effect {
            case .latency(let duration):
                try await Task.sleep(for: duration)
            case .dropConnection:
                logger.debug("Dropping connection (injected fault)", metadata: ["guance.sim.path": "\(path)"])
                record(method: method, path: path, status: 0, errorCode: "dropConnection", now: now)
                context.channel.close(promise: nil)
                throw CancellationError()
            case .malformedJSON:
                record(method: method, path: path, status: 200, errorCode: "malformedJSON", now: now)
                return Self.response(status: 200, bytes: Array(#"{"code":200,"content":{"data":[{"uuid":"#.utf8))
            case .status(let status):
                let error = GuanceSimulatorError(status: status, errorCode: "InternalError", message: "injected fault")
                record(method: method, path: path, status: status, errorCode: error.errorCode, now: now)
                return Self.response(status: status, json: Self.errorEnvelope(error))
            case .throttleKey, .throttleWorkspace:
                let error: GuanceSimulatorError = effect == .throttleKey ? .keyThrottled : .workspaceThrottled
                record(method: method, path: path, status: error.status, errorCode: error.errorCode, now: now)
                return Self.response(status: error.status, json: Self.errorEnvelope(error))
            }
        }
        let productRequest = ProductRequest(
            method: method, path: path, apiKey: request.headers.first { $0.name.canonicalName == "df-api-key" }?.value,
            query: Self.queryDictionary(request), body: Self.parseJSON(bytes)
        )
        let (status, envelope) = state.withLock { $0.serve(productRequest, now: clock.now()) }
        return Self.response(status: status, json: envelope)
    }

    private func record(method: String, path: String, status: Int, errorCode: String, now: Double) {
        let endpoint = ProductEndpoint(method: method, path: path)?.template ?? "\(method) \(path)"
        state.withLock {
            $0.log.record(
                time: now, method: method, path: path, endpoint: endpoint, status: status, keyID: nil,
                errorCode: errorCode
            )
        }
    }

    static func queryDictionary(_ request: Request) -> [String: String] {
        var result: [String: String] = [:]
        for (key, value) in request.uri.queryParameters { result[String(key)] = String(value) }
        return result
    }

    /// `nil` for an empty body, `.failure` for bytes that are not JSON.
    static func parseJSON(_ bytes: [UInt8]) -> Result<JSONValue?, GuanceSimulatorError> {
        guard bytes.contains(where: { !Character(UnicodeScalar($0)).isWhitespace }) else { return .success(nil) }
        do {
            return .success(try JSONDecoder().decode(JSONValue.self, from: Data(bytes)))
        } catch {
            return .failure(.invalid("body is not valid JSON"))
        }
    }

    static func errorEnvelope(_ error: GuanceSimulatorError) -> JSONValue {
        envelope(code: error.status, content: .null, errorCode: error.errorCode, message: error.message)
    }

    /// The documented envelope `{code, content, pageInfo?, errorCode, message, success, traceId}`.
    static func envelope(
        code: Int, content: JSONValue, pageInfo: JSONValue? = nil, errorCode: String = "", message: String = ""
    ) -> JSONValue {
        var object: [String: JSONValue] = [
            "code": .int(Int64(code)), "content": content, "errorCode": .string(errorCode),
            "message": .string(message), "success": .bool(code == 200),
            "traceId": .string(String(UInt64.random(in: 1_000_000_000_000_000_000...9_999_999_999_999_999_999))),
        ]
        if let pageInfo { object["pageInfo"] = pageInfo }
        return .object(object)
    }

    static func response(status: Int, json: JSONValue) -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let bytes = (try? encoder.encode(json)).map(Array.init) ?? Array("null".utf8)
        return response(status: status, bytes: bytes)
    }

    static func response(status: Int, bytes: [UInt8]) -> Response {
        Response(
            status: HTTPResponse.Status(code: status),
            headers: [.contentType: "application/json;charset=UTF-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
        )
    }
}
