import Foundation

/// The calls guance-poller makes in one cycle, in order, and what it had to leave for later.
package struct PollPlan: Sendable, Hashable {
    /// Pages of the windowed issue list (`[cursor − overlap, now]`), always first.
    package var windowListPages: Int
    /// Pages of the sweep (issue list without a time window), `0` when no sweep this cycle.
    package var sweepListPages: Int
    /// Issues whose reply lists are read, in order: changed issues first, then due quiet ones.
    package var replyChecks: [String]
    /// Open issues from before the start time whose reply lists are read (after ``replyChecks``).
    package var preStartReplyChecks: [String]
    /// Whether a sweep was due but did not fit in the budget.
    package var sweepDeferred: Bool
    /// Issues whose reply check was due (changed, back-off elapsed, or pre-start interval elapsed) but
    /// did not fit.
    package var backlog: [String]
    /// How long the backlog should take to clear at the steady rate; `nil` if it cannot clear
    /// (list calls alone use the whole rate). `0` when there is no backlog.
    package var estimatedTimeToClear: TimeInterval?
    /// Requests the plan spends (estimated from the page counts of earlier reads).
    package var requestCount: Int
}
