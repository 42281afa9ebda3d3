import Foundation

/// What a writer does with a status change from the other side (``StatusArbiter``).
public struct StatusVerdict: Sendable, Hashable, CustomStringConvertible {
    /// The action.
    public enum Action: Sendable, Hashable {
        /// The change is already accounted for: the agreement (or a newer reading) covers its
        /// version — a redelivery, a replay, or the echo of the sync's own write. Nothing to do.
        case stale
        /// The changed side's status did not change since the agreement (another field did).
        case unchanged
        /// Both sides already show the same category: nothing to write.
        case agree
        /// Write this category to the target side (the change is later than what the target stands
        /// for, or the conflict rule chose it); the agreement then stands for `decidedAt`.
        case write(StatusCategory, decidedAt: Date?)
        /// The target side's own change stands (the conflict rule chose it); the target's writer
        /// carries it the other way.
        case keep
        /// The target (Guance) has a version guance-poller has not delivered yet; whether its
        /// status went away and back since the agreement is unknown until it has. Try again later.
        case awaitObservation(Date)
    }

    /// The action.
    public var action: Action
    /// Why, for the log (`status decision: …`).
    public var reason: String

    /// Creates a verdict.
    public init(_ action: Action, _ reason: String) {
        self.action = action
        self.reason = reason
    }

    public var description: String { reason }

    /// The category to write, when the verdict is a write.
    public var categoryToWrite: StatusCategory? {
        if case .write(let category, _) = action { return category }
        return nil
    }
}
