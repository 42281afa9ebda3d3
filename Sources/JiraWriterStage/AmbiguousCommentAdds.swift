import Synchronization

/// Comment adds of this process whose outcome is unknown (a timeout, a dropped connection, a 5xx):
/// their intents stay on the link table, so any writer lists the comments before adding
/// again. For this process's own attempts the request is over, so the next attempt lists at once
/// instead of waiting for the intent to settle (another writer's intent may still be in flight).
final class AmbiguousCommentAdds: Sendable {
    private let attempts = Mutex<Set<String>>([])

    /// Remembers intent `attempt` as this process's, with an unknown outcome.
    func remember(_ attempt: String) {
        _ = attempts.withLock { $0.insert(attempt) }
    }

    /// Whether intent `attempt` is one of this process's finished adds with an unknown outcome.
    func contains(_ attempt: String?) -> Bool {
        guard let attempt else { return false }
        return attempts.withLock { $0.contains(attempt) }
    }

    /// Forgets `attempt` (its comment was found, or a new intent superseded it).
    func forget(_ attempt: String?) {
        guard let attempt else { return }
        _ = attempts.withLock { $0.remove(attempt) }
    }
}
