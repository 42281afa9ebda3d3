/// How long a webhook nudge must be held so that nudges start at most one poll per ``interval``.
///
/// A burst of deliveries (a bulk edit in Jira, or anyone who can reach the webhook port with a
/// valid signature) would otherwise start one full poll per delivery. Pure bookkeeping over clock
/// instants, so it is tested without waiting.
package struct NudgeSpacing: Sendable {
    /// The shortest time between two polls started by nudges.
    package let interval: Duration
    private var lastNudgedPoll: ContinuousClock.Instant?

    /// Creates a spacing with no nudged poll yet.
    package init(interval: Duration) {
        self.interval = max(.zero, interval)
    }

    /// How long a nudge that arrived at `now` must wait before its poll starts: zero when the last
    /// nudged poll started at least ``interval`` ago, else the rest of the interval.
    package func holdingTime(at now: ContinuousClock.Instant) -> Duration {
        guard let lastNudgedPoll else { return .zero }
        let elapsed = now - lastNudgedPoll
        return elapsed >= interval ? .zero : interval - elapsed
    }

    /// Records that a nudged poll starts at `instant`.
    package mutating func pollStarted(at instant: ContinuousClock.Instant) {
        lastNudgedPoll = instant
    }
}
