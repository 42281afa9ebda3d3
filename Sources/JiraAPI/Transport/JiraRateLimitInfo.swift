import Foundation
public import NIOHTTP1

/// The rate-limit headers of one response.
public struct JiraRateLimitInfo: Sendable, Hashable {
    /// `Retry-After` in seconds (integer or HTTP date), if present.
    public var retryAfter: Duration?
    /// `RateLimit-Reason`, if present.
    public var reason: JiraRateLimitReason?
    /// `X-RateLimit-Reset` (ISO-8601), if present.
    public var reset: Date?
    /// `X-RateLimit-Limit`.
    public var limit: Int?
    /// `X-RateLimit-Remaining`.
    public var remaining: Int?
    /// `X-RateLimit-NearLimit: true`.
    public var nearLimit: Bool

    /// Creates the info from explicit values.
    public init(
        retryAfter: Duration? = nil, reason: JiraRateLimitReason? = nil, reset: Date? = nil,
        limit: Int? = nil, remaining: Int? = nil, nearLimit: Bool = false
    ) {
        self.retryAfter = retryAfter
        self.reason = reason
        self.reset = reset
        self.limit = limit
        self.remaining = remaining
        self.nearLimit = nearLimit
    }

    /// Reads the headers; `now` resolves an HTTP-date `Retry-After`.
    public init(headers: HTTPHeaders, now: Date = Date()) {
        self.init()
        if let value = headers.first(name: "Retry-After")?.trimmingCharacters(in: .whitespaces) {
            if let seconds = Double(value), seconds >= 0 {
                retryAfter = .milliseconds(Int64(seconds * 1000))
            } else if let date = Self.httpDate(value) {
                retryAfter = .milliseconds(Int64(max(0, date.timeIntervalSince(now)) * 1000))
            }
        }
        reason = headers.first(name: "RateLimit-Reason").map(JiraRateLimitReason.init(headerValue:))
        reset = headers.first(name: "X-RateLimit-Reset").flatMap(JiraTimestamp.parse)
        limit = headers.first(name: "X-RateLimit-Limit").flatMap { Int($0) }
        remaining = headers.first(name: "X-RateLimit-Remaining").flatMap { Int($0) }
        nearLimit = headers.first(name: "X-RateLimit-NearLimit")?.lowercased() == "true"
    }

    private static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }
}
