import Foundation

/// What a writer does with a change of a synced field observed on the other side (``FieldArbiter``).
public struct FieldVerdict: Sendable, Hashable, CustomStringConvertible {
    /// The action.
    public enum Action: Sendable, Hashable {
        /// Already accounted for: the ledger covers the change's version — a redelivery, a replay, or
        /// the echo of the sync's own write (also a pending one). Nothing to do, nothing to read.
        case stale
        /// The field did not change on that side since the agreement (another field did).
        case unchanged
        /// The target already shows what the change means (or the change names nobody the sync can
        /// pair): nothing to write; the agreement is recorded.
        case agree
        /// Write the change to the target; the agreement then stands for `decidedAt`.
        case write(decidedAt: Date?)
        /// The target's own change stands (the conflict rule chose it); its writer carries it the other way.
        case keep
    }

    /// The action.
    public var action: Action
    /// Why, for the log (`assignee decision: …`).
    public var reason: String

    /// Creates a verdict.
    public init(_ action: Action, _ reason: String) {
        self.action = action
        self.reason = reason
    }

    public var description: String { reason }
}
