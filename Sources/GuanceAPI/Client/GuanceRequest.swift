import Foundation
import NIOHTTP1

/// One OpenAPI call before it is sent.
struct GuanceRequest: Sendable {
    /// How a failed attempt may be retried.
    enum Safety: Sendable {
        /// Repeating it has the same effect as doing it once (reads, reply modify/delete).
        case idempotent
        /// Repeating it could create a duplicate (issue add, reply create).
        case nonIdempotent
        /// Its body carries state read before (issue modify re-sends the whole `extend`): repeated
        /// after a wait it could write stale state over a newer change, so the caller reads again
        /// instead. Never retried by the client.
        case readModifyWrite
    }

    var method: HTTPMethod
    /// Path below the base URL, starting with `/api/v1/`.
    var path: String
    var queryItems: [(String, String)] = []
    var body: Data?
    var safety: Safety
    /// Whether a 2xx answer whose body is not a JSON envelope counts as success (for endpoints whose
    /// answer is undocumented, such as key validation).
    var acceptsBareSuccess = false

    /// `METHOD /path`, for logs and errors.
    var endpoint: String { "\(method.rawValue) \(path)" }

    static func get(_ path: String, query: [(String, String)] = []) -> GuanceRequest {
        GuanceRequest(method: .GET, path: path, queryItems: query, safety: .idempotent)
    }

    static func post(_ path: String, body: some Encodable, safety: Safety) throws -> GuanceRequest {
        GuanceRequest(method: .POST, path: path, body: try JSONEncoder().encode(body), safety: safety)
    }

    /// Percent-encodes one path segment (a UUID), so a hostile value cannot change the route.
    static func segment(_ value: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#")
        return value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
    }

    /// The full URL under `baseURL`.
    func url(baseURL: String) -> String {
        guard !queryItems.isEmpty else { return baseURL + path }
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+?#")
        let query = queryItems.map { name, value in
            let encoded = value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
            return "\(name)=\(encoded)"
        }
        return baseURL + path + "?" + query.joined(separator: "&")
    }
}
