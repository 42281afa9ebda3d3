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
        let effect = state.withLock { $0.takeFault(method: method, path: path) }
        if let effect, let faulted = try await respond(to: effect, method: method, path: path, context: context) {
            return faulted
        }
        let productRequest = ProductRequest(
            method: method, path: path, apiKey: request.headers.first { $0.name.canonicalName == "df-api-key" }?.value,
            query: Self.queryDictionary(request), body: Self.parseJSON(bytes)
        )
        let (status, envelope) = state.withLock { $0.serve(productRequest, now: clock.now()) }
        if effect == .dropAfterHandling {
            logger.debug("Dropping connection after handling (injected fault)", metadata: ["guance.sim.path": "\(path)"])
            context.channel.close(promise: nil)
            throw CancellationError()
        }
        return Self.response(status: status, json: envelope)
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
