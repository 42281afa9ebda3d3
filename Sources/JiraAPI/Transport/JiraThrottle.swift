import Foundation

/// Remembers what Jira throttled and until when, so later calls wait only where needed:
/// a per-issue write limit delays writes to that issue, a burst limit delays that endpoint and method,
/// a quota limit delays everything until the reset.
actor JiraThrottle {
    /// What a request is subject to.
    struct Scope: Sendable, Hashable {
        /// `METHOD template`, e.g. `POST /issue/{key}/comment`.
        var endpoint: String
        /// The issue a write targets, when it is a write to one issue.
        var issueWriteKey: String?
    }

    private let now: @Sendable () -> Date
    private var endpointGates: [String: Date] = [:]
    private var issueGates: [String: Date] = [:]
    private var globalGate: Date?

    init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
    }

    /// How long a request in `scope` must wait before going out (zero when it may go now).
    func requiredWait(for scope: Scope) -> Duration {
        let current = now()
        var until = globalGate ?? .distantPast
        if let gate = endpointGates[scope.endpoint] { until = max(until, gate) }
        if let key = scope.issueWriteKey, let gate = issueGates[key] { until = max(until, gate) }
        let seconds = until.timeIntervalSince(current)
        return seconds > 0 ? .milliseconds(Int64(seconds * 1000)) : .zero
    }

    /// Whether an hourly quota currently blocks every call.
    var isQuotaBlocked: Bool {
        (globalGate ?? .distantPast) > now()
    }

    /// Records a throttling answer and returns the wait it imposes on `scope`.
    @discardableResult
    func record(_ info: JiraRateLimitInfo, scope: Scope, fallbackDelay: Duration) -> Duration {
        let current = now()
        let delay = info.retryAfter ?? fallbackDelay
        let until = current.addingTimeInterval(delay.seconds)
        switch info.reason {
        case .perIssueWrite:
            if let key = scope.issueWriteKey {
                issueGates[key] = max(issueGates[key] ?? .distantPast, until)
            } else {
                endpointGates[scope.endpoint] = max(endpointGates[scope.endpoint] ?? .distantPast, until)
            }
        case .quota:
            let reset = info.reset ?? (info.retryAfter != nil ? until : Self.nextUTCHour(after: current))
            globalGate = max(globalGate ?? .distantPast, max(reset, until))
        case .burst, .cost, .other, nil:
            endpointGates[scope.endpoint] = max(endpointGates[scope.endpoint] ?? .distantPast, until)
        }
        return requiredWait(for: scope)
    }

    /// The top of the next UTC hour, when hourly quotas reset.
    static func nextUTCHour(after date: Date) -> Date {
        let seconds = date.timeIntervalSince1970
        return Date(timeIntervalSince1970: (seconds / 3600).rounded(.down) * 3600 + 3600)
    }
}

extension Duration {
    /// The duration in (fractional) seconds.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
