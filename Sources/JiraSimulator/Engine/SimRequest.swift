import Foundation

/// A fully read HTTP request, independent of the server framework.
struct SimRequest: Sendable {
    var method: String
    var path: String
    /// Query parameters in order; repeated names kept (`fields=a&fields=b`).
    var query: [(name: String, value: String)]
    /// Header names lower-cased.
    var headers: [String: String]
    var body: Data

    init(method: String, path: String, rawQuery: String?, headers: [String: String], body: Data) {
        self.method = method.uppercased()
        self.path = path
        self.query = SimRequest.parseQuery(rawQuery ?? "")
        self.headers = headers
        self.body = body
    }

    /// The first value of a query parameter.
    func queryValue(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }

    /// All values of a parameter, with comma-separated values split.
    func queryList(_ name: String) -> [String]? {
        let values = query.filter { $0.name == name }.map(\.value)
        guard !values.isEmpty else { return nil }
        return values.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            .filter { !$0.isEmpty }
    }

    /// The body as JSON; `nil` when empty or invalid.
    var json: SimJSON? { body.isEmpty ? nil : SimJSON.parse(body) }

    private static func parseQuery(_ raw: String) -> [(name: String, value: String)] {
        raw.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode: (Substring) -> String = {
                String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0)
            }
            return (decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
    }
}
