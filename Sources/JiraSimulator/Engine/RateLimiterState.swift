import Foundation

/// A refused request: which limit and how long to wait.
struct RateLimitRejection: Sendable {
    var reason: String
    var retryAfter: Int
    var limit: Int
    var resetAt: Date
}

/// Sliding windows and buckets behind the simulator's 429 answers.
struct RateLimiterState: Sendable {
    private var issueWrites: [Int: [Date]] = [:]
    private var buckets: [String: (tokens: Double, at: Date)] = [:]
    private var quotaHits: [Date] = []

    mutating func reset() { self = RateLimiterState() }

    /// Counts a request against the quota; rejects when the window is full.
    mutating func admitQuota(_ limit: JiraSimulatorLimits.Window?, now: Date) -> RateLimitRejection? {
        guard let limit else { return nil }
        let windowStart = now.addingTimeInterval(-limit.window.timeInterval)
        quotaHits.removeAll { $0 <= windowStart }
        if quotaHits.count >= limit.count {
            let reset = quotaHits[0].addingTimeInterval(limit.window.timeInterval)
            return RateLimitRejection(
                reason: "jira-quota-tenant-based", retryAfter: Self.seconds(until: reset, from: now), limit: limit.count,
                resetAt: reset)
        }
        quotaHits.append(now)
        return nil
    }

    /// Takes a token from the bucket of `endpoint`; rejects when it is empty.
    mutating func admitBurst(_ bucket: JiraSimulatorLimits.Bucket?, endpoint: String, now: Date) -> RateLimitRejection? {
        guard let bucket else { return nil }
        let previous = buckets[endpoint] ?? (Double(bucket.capacity), now)
        let refilled = min(
            Double(bucket.capacity), previous.tokens + now.timeIntervalSince(previous.at) * bucket.refillPerSecond)
        if refilled < 1 {
            let wait = (1 - refilled) / max(bucket.refillPerSecond, 0.001)
            buckets[endpoint] = (refilled, now)
            let reset = now.addingTimeInterval(wait)
            return RateLimitRejection(
                reason: "jira-burst-based", retryAfter: Self.seconds(until: reset, from: now), limit: bucket.capacity,
                resetAt: reset)
        }
        buckets[endpoint] = (refilled - 1, now)
        return nil
    }

    /// Remaining tokens of an endpoint bucket (for `X-RateLimit-Remaining`).
    func remaining(endpoint: String) -> Int? { buckets[endpoint].map { Int($0.tokens) } }

    /// Counts a write to one issue; rejects when any window is full.
    mutating func admitIssueWrite(issueId: Int, windows: [JiraSimulatorLimits.Window], now: Date) -> RateLimitRejection? {
        guard let longest = windows.map(\.window.timeInterval).max() else { return nil }
        var writes = issueWrites[issueId, default: []]
        writes.removeAll { $0 <= now.addingTimeInterval(-longest) }
        for window in windows {
            let inWindow = writes.filter { $0 > now.addingTimeInterval(-window.window.timeInterval) }
            if inWindow.count >= window.count {
                let reset = inWindow[0].addingTimeInterval(window.window.timeInterval)
                issueWrites[issueId] = writes
                return RateLimitRejection(
                    reason: "jira-per-issue-on-write", retryAfter: Self.seconds(until: reset, from: now),
                    limit: window.count, resetAt: reset)
            }
        }
        writes.append(now)
        issueWrites[issueId] = writes
        return nil
    }

    private static func seconds(until reset: Date, from now: Date) -> Int {
        max(1, Int(reset.timeIntervalSince(now).rounded(.up)))
    }
}
