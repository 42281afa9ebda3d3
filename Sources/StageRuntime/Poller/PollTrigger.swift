import Synchronization

/// Wakes a poller before its next cycle is due (jira-poller: a Jira webhook arrived; see
/// ``PollerEngine``).
///
/// A ``fire()`` with nobody waiting is remembered (once), so a nudge that arrives while a poll is
/// running makes the next wait return: the change that caused it is read even if the running poll
/// started just before it. Nudges are coalesced (``NudgeSpacing``): they start at most one poll per
/// ``nudgeSpacing``, however many arrive, so a burst of deliveries costs two polls, not one each.
package final class PollTrigger: Sendable {
    private struct State {
        var pending = false
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
        var nextWaiter = 0
        var spacing: NudgeSpacing
    }

    /// The default shortest time between two polls started by nudges.
    package static let defaultNudgeSpacing = Duration.seconds(5)

    private let state: Mutex<State>

    /// Creates a trigger with no pending nudge.
    /// - Parameter nudgeSpacing: the shortest time between two polls started by nudges.
    package init(nudgeSpacing: Duration = PollTrigger.defaultNudgeSpacing) {
        state = Mutex(State(spacing: NudgeSpacing(interval: nudgeSpacing)))
    }

    /// The shortest time between two polls started by nudges.
    package var nudgeSpacing: Duration { state.withLock { $0.spacing.interval } }

    /// Whether a nudge arrived that no wait has consumed yet.
    package var isPending: Bool { state.withLock { $0.pending } }

    /// Requests a poll now (or, right after another nudged poll, once ``nudgeSpacing`` has passed).
    package func fire() {
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

    /// Waits until ``fire()`` is called or `timeout` passes, whichever comes first (a pending
    /// nudge counts as called). A nudge within ``nudgeSpacing`` of the previous nudged poll is held
    /// until the spacing has passed (never beyond `timeout`). Returns early (without error) when the
    /// task is cancelled.
    package func wait(upTo timeout: Duration) async {
        let deadline = ContinuousClock.now + timeout
        let consumed = state.withLock { state in
            defer { state.pending = false }
            return state.pending
        }
        let nudged = consumed ? true : await firedBefore(timeout)
        guard nudged, !Task.isCancelled else { return }
        let hold = state.withLock { $0.spacing.holdingTime(at: .now) }
        let remaining = deadline - .now
        if hold > .zero, remaining > .zero {
            try? await Task.sleep(for: min(hold, remaining))
        }
        state.withLock { $0.spacing.pollStarted(at: .now) }
    }

    /// Whether ``fire()`` came before `timeout` passed.
    private func firedBefore(_ timeout: Duration) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                try? await Task.sleep(for: timeout)
                return false
            }
            group.addTask {
                await self.nextFire()
                return !Task.isCancelled
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
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
