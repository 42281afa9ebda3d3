import Foundation
import Synchronization

/// Comment adds of this process whose outcome is unknown (a timeout, a dropped connection, a 5xx):
/// their intents stay on the link table, so any writer lists the comments before adding
/// again. A request that failed on this side may still be committed by Jira a little later, so
/// this process supersedes its own such intent only ``settle`` after the failure — not the
/// `JIRA_WRITER_CREATE_SETTLE_SECONDS` another writer's intent gets (that one may still be in flight).
final class AmbiguousCommentAdds: Sendable {
    private let failures = Mutex<[String: ContinuousClock.Instant]>([:])
    /// How long after its failure this process's own add counts as settled.
    static let settle: Duration = .seconds(30)

    /// Remembers intent `attempt` as this process's, failed at `now` with an unknown outcome.
    func remember(_ attempt: String, now: ContinuousClock.Instant = .now) {
        failures.withLock { $0[attempt] = now }
    }

    /// Whether intent `attempt` is one of this process's adds with an unknown outcome.
    func contains(_ attempt: String?) -> Bool {
        guard let attempt else { return false }
        return failures.withLock { $0[attempt] != nil }
    }

    /// How long to wait before superseding this process's intent `attempt`; `nil` once settled.
    func wait(for attempt: String?, now: ContinuousClock.Instant = .now) -> Duration? {
        guard let attempt, let failedAt = failures.withLock({ $0[attempt] }) else { return nil }
        let remaining = Self.settle - (now - failedAt)
        return remaining > .zero ? remaining : nil
    }

    /// Forgets `attempt` (its comment was found, or a new intent superseded it).
    func forget(_ attempt: String?) {
        guard let attempt else { return }
        _ = failures.withLock { $0.removeValue(forKey: attempt) }
    }
}
