import Foundation
import Hummingbird

/// Converts between Hummingbird requests/responses and the engine's framework-free types.
enum HTTPBridge {
    /// Largest request body accepted.
    static let maxBodySize = 8 * 1024 * 1024

    static func simRequest(_ request: Request) async throws -> SimRequest {
        var request = request
        let buffer = try await request.collectBody(upTo: maxBodySize)
        var headers: [String: String] = [:]
        for field in request.headers {
            headers[field.name.canonicalName] = field.value
        }
        if headers["host"] == nil, let authority = request.head.authority { headers["host"] = authority }
        return SimRequest(
            method: request.method.rawValue, path: request.uri.path, rawQuery: request.uri.query, headers: headers,
            body: Data(buffer.readableBytesView))
    }

    static func response(_ simResponse: SimResponse) -> Response {
        var headers = HTTPFields()
        for (name, value) in simResponse.headers {
            if let fieldName = HTTPFields.Element.Name(name) { headers.append(HTTPFields.Element(name: fieldName, value: value)) }
        }
        let status = HTTPResponse.Status(code: simResponse.status)
        switch simResponse.transport {
        case .dropConnection:
            return Response(
                status: status, headers: headers,
                body: ResponseBody(contentLength: 4096) { _ in throw SimulatedConnectionDrop() })
        case .normal:
            return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: simResponse.body)))
        }
    }
}

/// Thrown from a response body writer so the server closes the connection mid-response.
struct SimulatedConnectionDrop: Error {}
