internal import Crdkafka
import Foundation
import Synchronization

/// A dedicated OS thread that serves a producer's callbacks (delivery reports, statistics,
/// errors) with `rd_kafka_poll(…, 100 ms)`, so the blocking poll never runs on Swift's
/// cooperative pool.
final class RDKafkaPollThread: Sendable {
    private let stopRequested = Atomic<Bool>(false)
    private let finished = Mutex<(done: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    /// Starts polling `client` on a new thread named `name`.
    init(name: String, client: RDKafkaClient) {
        // Weak captures: Foundation may keep a finished thread's closure alive, and a producer
        // dropped without `shutdown()` must still release (and so destroy) its client.
        let thread = Thread { [weak self, weak client] in
            while true {
                guard let poller = self, let client, !poller.stopRequested.load(ordering: .acquiring) else { break }
                rd_kafka_poll(client.handle, 100)
            }
            if let client { rd_kafka_poll(client.handle, 0) }
            self?.markFinished()
        }
        thread.name = name
        thread.start()
    }

    private func markFinished() {
        let waiters = finished.withLock { state in
            state.done = true
            defer { state.waiters = [] }
            return state.waiters
        }
        waiters.forEach { $0.resume() }
    }

    /// Asks the thread to stop without waiting (it finishes its current poll, ≤ 100 ms).
    func requestStop() {
        stopRequested.store(true, ordering: .releasing)
    }

    /// Asks the thread to stop and waits until it has.
    func stop() async {
        requestStop()
        await withCheckedContinuation { continuation in
            let done = finished.withLock { state in
                if !state.done { state.waiters.append(continuation) }
                return state.done
            }
            if done { continuation.resume() }
        }
    }
}
