import GuanceAPI

/// The requests guance-poller may spend: how many right now, and the steady rate.
package struct PollBudget: Sendable, Hashable {
    /// Requests that may start now without being throttled.
    package var availableNow: Int
    /// Requests per minute in the long run (20 per key, documented).
    package var perMinute: Int

    /// Creates a budget.
    package init(availableNow: Int, perMinute: Int) {
        self.availableNow = max(0, availableNow)
        self.perMinute = max(0, perMinute)
    }

    /// The budget the client's rate limiter reports (nothing while it is paused after throttling).
    package init(status: GuanceRateLimitStatus) {
        let window = status.policy.effectiveWindow.components
        let seconds = Double(window.seconds) + Double(window.attoseconds) / 1e18
        let perMinute = seconds > 0 ? Int((Double(status.policy.requestsPerWindow) * 60 / seconds).rounded(.down)) : 0
        self.init(availableNow: status.pausedUntil == nil ? status.remaining : 0, perMinute: perMinute)
    }
}
