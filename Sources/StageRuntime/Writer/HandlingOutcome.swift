import SyncCore

/// What a writer's handler made of one event.
package enum HandlingOutcome: Sendable, Equatable {
    /// The effect is durable on the other side (or nothing had to be done): commit the record.
    /// `effect` names it for metrics and logs (`jira_issue_created`, `noop`, …).
    case applied(effect: String)
    /// Applied, with work left to do off the lane (``FollowUp``): the next events
    /// may start; the record is committed once the follow-up is done.
    case appliedWithFollowUp(effect: String, followUp: FollowUp)
    /// A transient failure: try the same event again after `delay` (other issues go on).
    case retry(after: Duration, reason: String)
    /// A permanent failure: write the record to the dead-letter topic with `reason`, then move on.
    case deadLetter(DeadLetter.Reason)
}

/// Applies one event to the other system, idempotently: the same event may arrive again after a
/// crash, a rebalance or a replay, and must then change nothing.
package protocol SyncEventHandler: Sendable {
    /// Handles `event`; `attempt` counts from 1 for this delivery of the record.
    func handle(_ event: SyncEvent, attempt: Int) async -> HandlingOutcome
}
