import Foundation

/// Jira's timestamp format: `yyyy-MM-dd'T'HH:mm:ss.SSSZ` with an offset without colon (`+0800`).
enum JiraTimestamp {
    static func format(_ date: Date, timeZone identifier: String) -> String {
        formatter("yyyy-MM-dd'T'HH:mm:ss.SSSZ", timeZone: zone(identifier)).string(from: date)
    }

    /// The human form used by `renderedFields` (caller's zone), e.g. `02/Jan/24 11:04 AM`.
    static func rendered(_ date: Date, timeZone identifier: String) -> String {
        formatter("dd/MMM/yy h:mm a", timeZone: zone(identifier)).string(from: date)
    }

    /// A strict POSIX-locale formatter (a new one per use: `DateFormatter` is not `Sendable`).
    static func formatter(_ format: String, timeZone: TimeZone) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = timeZone
        formatter.dateFormat = format
        formatter.isLenient = false
        return formatter
    }

    /// Epoch milliseconds.
    static func milliseconds(_ date: Date) -> Int {
        Int((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    private static func zone(_ identifier: String) -> TimeZone {
        TimeZone(identifier: identifier) ?? TimeZone(secondsFromGMT: 0) ?? .gmt
    }
}
