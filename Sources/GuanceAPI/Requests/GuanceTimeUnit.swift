/// The unit of the issue-list `startTime`/`endTime` window. The docs type them as integers without a
/// unit; both official scripts send seconds (the default). The newer Incident Center API uses
/// milliseconds, so a deployment doing the same can be configured here.
public enum GuanceTimeUnit: String, Sendable, Hashable, CaseIterable {
    /// Epoch seconds.
    case seconds
    /// Epoch milliseconds.
    case milliseconds
}
