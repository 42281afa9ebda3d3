import APICore
import GuanceAPI
import Synchronization

/// A clock whose `sleep` returns at once after moving time to the deadline, recording every wait.
/// Lets HTTP tests exercise backoff and rate-limit waits without waiting in real time.
final class JumpingClock: APIClock {
    private struct State {
        var now = ContinuousClock.now
        var waits: [Duration] = []
    }

    private let state = Mutex(State())

    func now() -> ContinuousClock.Instant {
        state.withLock { $0.now }
    }

    func sleep(until deadline: ContinuousClock.Instant) async throws {
        try Task.checkCancellation()
        state.withLock { state in
            guard deadline > state.now else { return }
            state.waits.append(state.now.duration(to: deadline))
            state.now = deadline
        }
    }

    /// Every wait so far, in order.
    var waits: [Duration] {
        state.withLock { $0.waits }
    }

    /// Total time slept.
    var elapsed: Duration {
        waits.reduce(.zero, +)
    }
}
