/// Decides which link targets survive a conversion.
///
/// Only absolute `http`, `https`, `mailto` and `ftp` URLs are kept as links: relative Guance
/// console paths would be broken in Jira, and `javascript:`/`data:` targets are unsafe. A link
/// that is dropped keeps its text.
enum LinkPolicy {
    private static let allowedSchemes: Set<String> = ["http", "https", "mailto", "ftp"]

    /// `true` when `target` is an absolute URL with an allowed scheme and no whitespace.
    static func isSafe(_ target: String) -> Bool {
        guard let colon = target.firstIndex(of: ":"), !target.contains(where: \.isWhitespace) else { return false }
        let scheme = target[..<colon].lowercased()
        guard allowedSchemes.contains(scheme) else { return false }
        return target.index(after: colon) < target.endIndex
    }
}
