/// The production sleeper: `Task.sleep`.
public struct TaskSleeper: JiraSleeper {
    /// Creates the sleeper.
    public init() {}

    /// Sleeps with `Task.sleep(for:)`.
    public func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }
}
