import Synchronization

/// Wakes a poller before its next cycle is due (jira-poller: a Jira webhook arrived; see
/// ``PollerEngine``).
///
/// A ``fire()`` with nobody waiting is remembered (once), so a nudge that arrives while a poll is
/// running makes the next wait return at once: the change that caused it is read even if the
/// running poll started just before it.
public final class PollTrigger: Sendable {
    private struct State {
        var pending = false
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
        var nextWaiter = 0
    }

    private let state = Mutex(State())

    /// Creates a trigger with no pending nudge.
    public init() {}

    /// Whether a nudge arrived that no wait has consumed yet.
    public var isPending: Bool { state.withLock { $0.pending } }

    /// Requests a poll now.
    public func fire() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            guard !state.waiters.isEmpty else {
                state.pending = true
                return []
            }
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }

    /// Waits until ``fire()`` is called or `timeout` passes, whichever comes first; returns at once
    /// when a nudge is pending. Returns early (without error) when the task is cancelled.
    public func wait(upTo timeout: Duration) async {
        if state.withLock({ state in defer { state.pending = false }; return state.pending }) { return }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { try? await Task.sleep(for: timeout) }
            group.addTask { await self.nextFire() }
            await group.next()
            group.cancelAll()
        }
    }

    private func nextFire() async {
        let id = state.withLock { state in
            defer { state.nextWaiter += 1 }
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.pending {
                        state.pending = false
                        return true
                    }
                    if Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }
}
