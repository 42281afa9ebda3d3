import Synchronization

/// Opens once: the stages of a process that wait for the key's exchange to restore the
/// predecessor's usage (``StageClients/shareBudget(_:client:others:producer:)``).
package final class RestoreGate: Sendable {
    private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    /// Creates a closed gate.
    package init() {}

    /// How many callers of ``wait()`` are parked.
    package var waiting: Int { state.withLock { $0.waiters.count } }

    /// Returns once ``open()`` was called (at once if it was).
    package func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = state.withLock { state in
                if state.open { return true }
                state.waiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    /// Lets every waiter, present and future, go on.
    package func open() {
        let waiters = state.withLock { state in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}
