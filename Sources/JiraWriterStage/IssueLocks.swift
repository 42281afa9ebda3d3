/// One writer at a time per Guance issue inside a jira-writer process: the issue's handler (its
/// lane in the writer loop) and its back-link follow-up, which runs off the lane, never write the
/// issue's records (ledger marks, the Jira sync property) at the same time. Uncontended otherwise.
actor IssueLocks {
    private var held: Set<String> = []
    private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]

    /// Runs `body` holding `key`'s lock (waiting for it, in arrival order).
    func withLock<Value: Sendable>(_ key: String, _ body: @Sendable () async throws -> Value) async rethrows -> Value {
        await lock(key)
        do {
            let value = try await body()
            unlock(key)
            return value
        } catch {
            unlock(key)
            throw error
        }
    }

    private func lock(_ key: String) async {
        guard held.contains(key) else {
            held.insert(key)
            return
        }
        await withCheckedContinuation { waiting[key, default: []].append($0) }
    }

    private func unlock(_ key: String) {
        guard var queue = waiting[key], !queue.isEmpty else {
            held.remove(key)
            return
        }
        let next = queue.removeFirst()
        waiting[key] = queue.isEmpty ? nil : queue
        next.resume()
    }
}
