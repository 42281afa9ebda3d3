import Foundation
import Synchronization

/// Guance's clock as its answers' HTTP `Date` headers show it: how far the server's clock is from
/// this host's. A poller that cuts its windows by Guance's timestamps must take "now" from Guance,
/// not from a host clock that may be minutes off.
///
/// `Date` has whole seconds, so a reading may be up to a second early; the poller's overlap covers
/// that. Until an answer with a readable `Date` arrived the offset is 0 (the host's clock).
public final class GuanceServiceClock: Sendable {
    private let offset = Mutex<TimeInterval?>(nil)
    private let hostClock: @Sendable () -> Date

    /// Creates a clock with no reading yet, measuring against `hostClock`.
    public init(hostClock: @escaping @Sendable () -> Date = { Date() }) {
        self.hostClock = hostClock
    }

    /// The server's time minus the host's, from the latest answer (`nil` before any).
    public var offsetSeconds: TimeInterval? { offset.withLock { $0 } }

    /// Guance's time when the host's clock shows `local` (default: now).
    public func now(at local: Date? = nil) -> Date {
        (local ?? hostClock()).addingTimeInterval(offsetSeconds ?? 0)
    }

    /// Records an answer's `Date` header received when the host's clock showed `receivedAt`
    /// (default: now); unreadable values are ignored.
    public func record(dateHeader: String, receivedAt: Date? = nil) {
        guard let server = Self.parse(dateHeader) else { return }
        let local = receivedAt ?? hostClock()
        offset.withLock { $0 = server.timeIntervalSince(local) }
    }

    /// Parses an HTTP date (RFC 9110 IMF-fixdate, e.g. `Sun, 06 Dec 2026 05:15:46 GMT`).
    public static func parse(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE',' dd MMM yyyy HH':'mm':'ss 'GMT'"
        return formatter.date(from: text.trimmingCharacters(in: .whitespaces))
    }
}
