import Foundation
import NIOHTTP1

/// A received answer: status, headers and the whole body.
struct JiraResponse: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: Data

    /// Decodes the body as JSON.
    func decode<Value: Decodable>(_ type: Value.Type) throws -> Value {
        try JSONDecoder().decode(type, from: body)
    }
}
