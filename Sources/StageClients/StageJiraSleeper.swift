import JiraAPI
import StageRuntime

/// The Jira clients' back-off and throttle waits in a stage: they end as soon as the process
/// starts stopping (``StageShutdown``), so a stop never waits for Jira's rate limit.
struct StageJiraSleeper: JiraSleeper {
    func sleep(for duration: Duration) async throws {
        try await StageShutdown.sleep(for: duration)
    }
}
