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
        let thread = Thread { [self] in
            while !stopRequested.load(ordering: .acquiring) {
                rd_kafka_poll(client.handle, 100)
            }
            rd_kafka_poll(client.handle, 0)
            let waiters = finished.withLock { state in
                state.done = true
                defer { state.waiters = [] }
                return state.waiters
            }
            waiters.forEach { $0.resume() }
        }
        thread.name = name
        thread.start()
    }

    /// Asks the thread to stop and waits until it has.
    func stop() async {
        stopRequested.store(true, ordering: .releasing)
        await withCheckedContinuation { continuation in
            let done = finished.withLock { state in
                if !state.done { state.waiters.append(continuation) }
                return state.done
            }
            if done { continuation.resume() }
        }
    }
}
