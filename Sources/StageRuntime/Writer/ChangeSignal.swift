import Synchronization

/// Lets tasks wait, without polling, until a condition over some shared bookkeeping holds:
/// whoever changes the bookkeeping calls ``notify()``, and every waiter re-checks its condition.
final class ChangeSignal: Sendable {
    private struct State {
        var generation: UInt64 = 0
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
        var nextWaiter = 0
    }

    private let state = Mutex(State())

    /// Wakes every waiter (call after each change of the bookkeeping).
    func notify() {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.generation &+= 1
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        waiters.forEach { $0.resume() }
    }

    /// Waits until `condition` holds (checked now and after every ``notify()``), at most until
    /// `deadline`; returns whether it held. Cancellation ends the wait (returns the last check).
    func wait(until deadline: ContinuousClock.Instant, for condition: @Sendable () -> Bool) async -> Bool {
        while true {
            let seen = state.withLock { $0.generation }
            if condition() { return true }
            guard ContinuousClock.now < deadline, !Task.isCancelled else { return false }
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await self.change(after: seen) }
                group.addTask { try? await Task.sleep(until: deadline, clock: .continuous) }
                await group.next()
                group.cancelAll()
            }
        }
    }

    /// Returns once the generation moved past `seen`, or the task is cancelled.
    private func change(after seen: UInt64) async {
        let id = state.withLock { state in
            defer { state.nextWaiter += 1 }
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    if state.generation != seen || Task.isCancelled { return true }
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
