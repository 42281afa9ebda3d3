import APICore
import GuanceAPI
import GuanceSimulator

/// A client clock that drives a simulator on a manual clock: sleeping advances the simulator's clock
/// by the same amount, so rate-limit windows on both sides agree without any real waiting.
///
/// The client side keeps its own exact offset (a `Duration`): reading the simulator's epoch-seconds
/// `Double` back would lose sub-microsecond precision and could leave a sleeper short of its deadline.
final class SimulatorDrivenClock: APIClock {
    private let simulator: GuanceSimulator
    private let anchor = ContinuousClock.now
    private let offset = LockedBox<Duration>(.zero)

    init(simulator: GuanceSimulator) {
        self.simulator = simulator
    }

    func now() -> ContinuousClock.Instant {
        anchor + offset.value
    }

    func sleep(until deadline: ContinuousClock.Instant) async throws {
        try Task.checkCancellation()
        let target = anchor.duration(to: deadline)
        let delta = offset.withLock { offset in
            guard target > offset else { return Duration.zero }
            let delta = target - offset
            offset = target
            return delta
        }
        guard delta > .zero else { return }
        let (seconds, attoseconds) = delta.components
        simulator.advanceClock(bySeconds: Double(seconds) + Double(attoseconds) / 1e18)
    }
}
