import GuanceAPI
import StageRuntime

/// The Guance clients' clock in a stage: waits for the key's budget and retry back-offs end as
/// soon as the process starts stopping (``StageShutdown``), so a stop never waits for budget.
struct StageGuanceClock: GuanceClock {
    func now() -> ContinuousClock.Instant { ContinuousClock.now }

    func sleep(until deadline: ContinuousClock.Instant) async throws {
        try await StageShutdown.sleep(until: deadline)
    }
}
