import Foundation

/// Dates as people write them in the configuration file and on the command line: a day
/// (`2026-11-01`, midnight UTC) or an ISO 8601 timestamp with a zone, with or without fractional
/// seconds (`2026-11-01T08:00:00Z`, `2026-11-01T16:00:00+08:00`, `2026-11-01T08:00:00.250Z`).
public enum ISO8601DateInput {
    /// The date `text` names, or `nil` when it is not one of the accepted forms.
    public static func parse(_ text: String) -> Date? {
        let text = text.trimmingCharacters(in: .whitespaces)
        if let date = try? Date.ISO8601FormatStyle().parse(text) { return date }
        if let date = try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text) { return date }
        return try? Date.ISO8601FormatStyle().year().month().day().parse(text)
    }
}
