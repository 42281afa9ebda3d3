/// Matches a request's method and path segments against route patterns where `*` captures one segment.
struct RouteMatcher: Sendable {
    let method: String
    let segments: [String]

    /// Whether the request is `method` on exactly `pattern` (no captures).
    func matches(_ method: String, _ pattern: String...) -> Bool {
        captures(method, pattern) != nil
    }

    /// The single `*` segment, if the request matches `method` and `pattern`.
    func capture(_ method: String, _ pattern: String...) -> String? {
        captures(method, pattern)?.first
    }

    private func captures(_ method: String, _ pattern: [String]) -> [String]? {
        guard method == self.method, pattern.count == segments.count else { return nil }
        var captured: [String] = []
        for (expected, actual) in zip(pattern, segments) {
            if expected == "*" {
                guard !actual.isEmpty else { return nil }
                captured.append(actual)
            } else if expected != actual {
                return nil
            }
        }
        return captured
    }
}
