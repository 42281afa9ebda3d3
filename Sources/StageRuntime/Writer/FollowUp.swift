import Foundation
import SyncCore

/// Work a handler leaves to run after its event was applied, off the serial lane: the
/// issue's later events and every other issue go on meanwhile, and the record counts as finished
/// (its offset stored) only when the follow-up is done. A crash, a stop or a lost partition before
/// that delivers the record again, and its handling asks for the follow-up again: at least once,
/// made exactly once by the follow-up looking before it writes.
///
/// jira-writer's back-link is one: it spends the Guance budget, which must never hold up Jira writes.
package struct FollowUp: Sendable, Equatable {
    /// How a follow-up ended.
    package enum Ending: Sendable, Equatable {
        /// Done (or nothing was left to do): the record is finished.
        case done
        /// Cannot be done: the record is dead-lettered with this reason, then finished.
        case failed(DeadLetter.Reason)
        /// Given up without a result (the partition was lost, or the process stops): the record is
        /// left unfinished and delivered again.
        case abandoned
    }

    /// What the follow-up is, for logs (`guance_backlink`).
    package let name: String
    private let id = UUID()
    private let body: @Sendable (FollowUpLease) async -> Ending

    /// Creates a follow-up named `name` that runs `body`.
    package init(name: String, _ body: @escaping @Sendable (FollowUpLease) async -> Ending) {
        self.name = name
        self.body = body
    }

    /// Runs the follow-up under `lease`.
    package func run(_ lease: FollowUpLease) async -> Ending {
        await body(lease)
    }

    package static func == (lhs: FollowUp, rhs: FollowUp) -> Bool { lhs.id == rhs.id }
}

/// A follow-up's hold on its record's partition: it may write only while the partition is this
/// member's, and while it writes the writer's revocation waits for it (as for a running handler),
/// so two replicas never write for one issue at once.
package struct FollowUpLease: Sendable {
    private let owned: @Sendable () -> Bool
    private let enter: @Sendable () -> Void
    private let leave: @Sendable () -> Void

    /// Creates a lease from the ownership check and the running-count hooks of a writer loop.
    package init(
        owned: @escaping @Sendable () -> Bool,
        enter: @escaping @Sendable () -> Void = {},
        leave: @escaping @Sendable () -> Void = {}
    ) {
        self.owned = owned
        self.enter = enter
        self.leave = leave
    }

    /// Whether the partition is still this member's (the follow-up should otherwise be abandoned).
    package var isOwned: Bool { owned() }

    /// The ownership check itself.
    package var isOwnedCheck: @Sendable () -> Bool { owned }

    /// Runs `write` as a write of this member: `nil` without running it when the partition is no
    /// longer owned; a revocation waits until `write` returns.
    package func writing<Value: Sendable>(_ write: () async throws -> Value) async rethrows -> Value? {
        enter()
        defer { leave() }
        guard owned() else { return nil }
        return try await write()
    }
}
