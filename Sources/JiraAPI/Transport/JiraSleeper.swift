/// Waits for a duration; injectable so tests can observe back-off without waiting.
public protocol JiraSleeper: Sendable {
    /// Suspends for `duration` (cancellation ends the wait by throwing).
    func sleep(for duration: Duration) async throws
}

/// The production sleeper: `Task.sleep`.
public struct TaskSleeper: JiraSleeper {
    /// Creates the sleeper.
    public init() {}

    /// Sleeps with `Task.sleep(for:)`.
    public func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }
}
