/// Runs jobs concurrently across keys and strictly in submission order within a key, with a
/// bound on how many jobs are queued or running at once.
///
/// Writers submit one job per consumed record, keyed by the record key (the source issue id): two
/// issues progress in parallel, while one issue's events are applied one after the other in log
/// order. ``submit(key:job:)`` suspends while the bound is reached, so a fast log never piles up
/// unbounded work in memory (backpressure reaches the consumer, whose prefetch limits then apply).
package actor KeyedSerialExecutor<Job: Sendable> {
    private let capacity: Int
    private let handler: @Sendable (Job) async -> Void
    private var queues: [String: [Job]] = [:]
    private var admitted = 0
    private var capacityWaiters: [Int: CheckedContinuation<Void, Never>] = [:]
    private var cancelledWaiters: Set<Int> = []
    private var nextWaiter = 0
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []
    private var workers: [String: Task<Void, Never>] = [:]

    /// Creates an executor.
    /// - Parameters:
    ///   - capacity: the most jobs queued or running at once (at least 1).
    ///   - handler: runs one job; it must handle its own errors (retry, dead-letter).
    package init(capacity: Int, handler: @escaping @Sendable (Job) async -> Void) {
        self.capacity = max(1, capacity)
        self.handler = handler
    }

    /// Queues a job behind the other jobs of its key; suspends while the executor is full.
    /// - Returns: `false` when the calling task was cancelled before there was room: the job was
    ///   not queued.
    @discardableResult
    package func submit(key: String, job: Job) async -> Bool {
        while admitted >= capacity {
            guard !Task.isCancelled else { return false }
            let id = nextWaiter
            nextWaiter += 1
            await withTaskCancellationHandler {
                await withCheckedContinuation { continuation in
                    if cancelledWaiters.remove(id) != nil {
                        continuation.resume()
                    } else {
                        capacityWaiters[id] = continuation
                    }
                }
            } onCancel: {
                Task { await self.cancelWaiter(id) }
            }
        }
        admitted += 1
        queues[key, default: []].append(job)
        if workers[key] == nil {
            workers[key] = Task { await self.work(key: key) }
        }
        return true
    }

    /// Ends a cancelled ``submit(key:job:)``'s wait for room (or, if it is not waiting yet, the
    /// wait it is about to start).
    private func cancelWaiter(_ id: Int) {
        if let waiter = capacityWaiters.removeValue(forKey: id) {
            waiter.resume()
        } else {
            cancelledWaiters.insert(id)
        }
    }

    /// Jobs queued or running.
    package var pending: Int { admitted }

    /// Whether ``submit(key:job:)`` would queue a job now without waiting.
    package var hasRoom: Bool { admitted < capacity }

    /// Keys with work queued or running.
    package var activeKeys: Int { workers.count }

    /// Removes queued (not yet running) jobs that match, e.g. those of partitions revoked in a
    /// rebalance: their records are not committed, so the partition's next owner handles them.
    /// - Returns: the jobs removed.
    @discardableResult
    package func abandonQueued(where shouldAbandon: (Job) -> Bool) -> [Job] {
        var removed: [Job] = []
        for (key, queue) in queues {
            // The first job of a key with a worker may be running: keep it.
            let keep = queue.prefix(1)
            let rest = queue.dropFirst()
            let dropped = rest.filter(shouldAbandon)
            guard !dropped.isEmpty else { continue }
            queues[key] = Array(keep) + rest.filter { !shouldAbandon($0) }
            removed += dropped
        }
        release(removed.count)
        return removed
    }

    /// Waits until no job is queued or running.
    package func waitUntilIdle() async {
        while admitted > 0 {
            await withCheckedContinuation { idleWaiters.append($0) }
        }
    }

    /// Cancels running jobs (their handlers see task cancellation) and drops queued ones.
    package func cancelAll() {
        for worker in workers.values { worker.cancel() }
        let queued = queues.values.reduce(0) { $0 + max(0, $1.count - 1) }
        for key in queues.keys { queues[key] = Array(queues[key]!.prefix(1)) }
        release(queued)
    }

    private func work(key: String) async {
        while let job = queues[key]?.first {
            await handler(job)
            finishFirst(of: key)
        }
    }

    private func finishFirst(of key: String) {
        queues[key]?.removeFirst()
        if queues[key]?.isEmpty ?? true {
            queues[key] = nil
            workers[key] = nil
        }
        release(1)
    }

    private func release(_ count: Int) {
        guard count > 0 else { return }
        admitted -= count
        let waiters = capacityWaiters.values
        capacityWaiters = [:]
        for waiter in waiters { waiter.resume() }
        if admitted == 0 {
            let idle = idleWaiters
            idleWaiters = []
            for waiter in idle { waiter.resume() }
        }
    }
}
