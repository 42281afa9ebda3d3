/// Waits for a duration; injectable so tests can observe back-off without waiting.
public protocol JiraSleeper: Sendable {
    /// Suspends for `duration` (cancellation ends the wait by throwing).
    func sleep(for duration: Duration) async throws
}
