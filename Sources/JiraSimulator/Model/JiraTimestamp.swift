import Foundation

/// Jira's timestamp format: `yyyy-MM-dd'T'HH:mm:ss.SSSZ` with an offset without colon (`+0800`).
enum JiraTimestamp {
    static func format(_ date: Date, timeZone identifier: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: identifier) ?? TimeZone(secondsFromGMT: 0)
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss.SSSZ"
        return formatter.string(from: date)
    }

    /// The human form used by `renderedFields` (caller's zone), e.g. `02/Jan/24 11:04 AM`.
    static func rendered(_ date: Date, timeZone identifier: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: identifier) ?? TimeZone(secondsFromGMT: 0)
        formatter.dateFormat = "dd/MMM/yy h:mm a"
        return formatter.string(from: date)
    }

    /// Epoch milliseconds.
    static func milliseconds(_ date: Date) -> Int {
        Int((date.timeIntervalSince1970 * 1000).rounded(.down))
    }
}
