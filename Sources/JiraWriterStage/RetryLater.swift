import StageRuntime

/// Thrown where a decision must wait (e.g. a recurrence issue whose search may lag): the event is
/// retried with `outcome`.
struct RetryLater: Error, Sendable {
    /// The retry outcome to return.
    var outcome: HandlingOutcome
}
