import Synchronization

/// Whether every part of the process still works — what `GET /healthz` reports.
///
/// Parts that fail outside any call that could throw to a stage report here: a Kafka client's
/// fatal error (``StageKafka`` installs the handler on every client it configures), a table reader
/// that stopped (``CompactedTopicTail``). The host's ``StageHealthWatch`` ends the service group on
/// the first failure, so the process exits 1 and its orchestrator restarts it: a process never
/// looks healthy while it does nothing. (A stage that fails or ends ends the group itself.)
package final class StageHealth: Sendable {
    /// One failed part.
    package struct Failure: Sendable, Equatable {
        /// The part (`kafka`, a topic reader, a stage name).
        package var part: String
        /// Why (never a secret).
        package var reason: String
    }

    private struct State {
        var failures: [Failure] = []
        var waiters: [Int: CheckedContinuation<Failure?, Never>] = [:]
        var nextWaiter = 0
    }

    private let state = Mutex(State())

    /// Creates a health record with nothing failed.
    package init() {}

    /// Records that `part` failed and cannot continue; wakes ``firstFailure()``.
    package func fail(_ part: String, reason: String) {
        let failure = Failure(part: part, reason: reason)
        let waiters = state.withLock { state -> [CheckedContinuation<Failure?, Never>] in
            state.failures.append(failure)
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        waiters.forEach { $0.resume(returning: failure) }
    }

    /// Whether no part has failed.
    package var isHealthy: Bool { state.withLock { $0.failures.isEmpty } }

    /// Every failure so far, oldest first.
    package var failures: [Failure] { state.withLock { $0.failures } }

    /// `ok`, or one `<part>: <reason>` line per failure.
    package var report: String {
        let failures = failures
        guard !failures.isEmpty else { return "ok\n" }
        return failures.map { "\($0.part): \($0.reason)" }.joined(separator: "\n") + "\n"
    }

    /// Waits until a part fails (returns at once if one has); `nil` when the task is cancelled first.
    package func firstFailure() async -> Failure? {
        let id = state.withLock { state in
            defer { state.nextWaiter += 1 }
            return state.nextWaiter
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Failure?, Never>) in
                let now = state.withLock { state -> Failure?? in
                    if let first = state.failures.first { return .some(first) }
                    if Task.isCancelled { return .some(nil) }
                    state.waiters[id] = continuation
                    return .none
                }
                if let now { continuation.resume(returning: now) }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume(returning: nil)
        }
    }
}
