import APICore
import Synchronization

/// A clock that records requested waits and returns at once.
final class RecordingSleeper: APIClock {
    private let waits = Mutex<[Duration]>([])

    /// Every wait requested, in order.
    var recorded: [Duration] { waits.withLock { $0 } }

    func now() -> ContinuousClock.Instant { ContinuousClock.now }

    func sleep(until deadline: ContinuousClock.Instant) async throws {
        try await sleep(for: deadline - now())
    }

    func sleep(for duration: Duration) async throws {
        waits.withLock { $0.append(duration) }
        await Task.yield()
    }
}
