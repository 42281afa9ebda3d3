import Synchronization

/// Waiting for work that does not observe cancellation, with a deadline.
enum FirstOf {
    /// Runs `work` in a new task and waits for it at most `timeout`.
    /// - Returns: `true` when `work` finished in time (it keeps running otherwise).
    static func race(_ timeout: Duration, _ work: @escaping @Sendable () async -> Void) async -> Bool {
        let resumed = Mutex(false)
        return await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let finish: @Sendable (Bool) -> Void = { value in
                let first = resumed.withLock { done -> Bool in
                    defer { done = true }
                    return !done
                }
                if first { continuation.resume(returning: value) }
            }
            let worker = Task {
                await work()
                finish(true)
            }
            Task {
                try? await Task.sleep(for: timeout)
                finish(false)
                _ = worker
            }
        }
    }
}
