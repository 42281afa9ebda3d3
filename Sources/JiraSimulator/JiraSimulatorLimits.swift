/// Rate limits the simulator enforces with 429 responses.
public struct JiraSimulatorLimits: Sendable {
    /// At most `count` requests within `window`.
    public struct Window: Sendable, Hashable {
        /// Allowed requests per window.
        public var count: Int
        /// Window length.
        public var window: Duration

        /// Creates a window limit.
        public init(count: Int, window: Duration) {
            self.count = count
            self.window = window
        }
    }

    /// Token bucket: `capacity` tokens refilled at `refillPerSecond`.
    public struct Bucket: Sendable, Hashable {
        /// Bucket size.
        public var capacity: Int
        /// Tokens added per second.
        public var refillPerSecond: Double

        /// Creates a bucket.
        public init(capacity: Int, refillPerSecond: Double) {
            self.capacity = capacity
            self.refillPerSecond = refillPerSecond
        }
    }

    /// Per-issue write windows (`jira-per-issue-on-write`); Jira: 20 per 2 s and 100 per 30 s.
    public var perIssueWrites: [Window]
    /// Optional tenant-wide burst bucket per method + endpoint (`jira-burst-based`).
    public var burst: Bucket?
    /// Optional tenant quota over all requests (`jira-quota-tenant-based`).
    public var quota: Window?

    /// Creates limits; by default only the per-issue write limits are on.
    public init(
        perIssueWrites: [Window] = [Window(count: 20, window: .seconds(2)), Window(count: 100, window: .seconds(30))],
        burst: Bucket? = nil,
        quota: Window? = nil
    ) {
        self.perIssueWrites = perIssueWrites
        self.burst = burst
        self.quota = quota
    }
}
