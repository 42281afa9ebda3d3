import APICore
import StageRuntime

/// The API clients' clock in a stage (Guance and Jira alike): waits for a key's budget, retry
/// back-offs and throttle waits end as soon as the process starts stopping (``StageShutdown``), so
/// a stop never waits for a rate limit.
struct StageAPIClock: APIClock {
    func now() -> ContinuousClock.Instant { ContinuousClock.now }

    func sleep(until deadline: ContinuousClock.Instant) async throws {
        try await StageShutdown.sleep(until: deadline)
    }

    func sleep(for duration: Duration) async throws {
        try await StageShutdown.sleep(for: duration)
    }
}
