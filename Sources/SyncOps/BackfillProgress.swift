import Foundation

/// How far a backfill is, reported after every request-costing step.
public struct BackfillProgress: Sendable, Hashable, Codable {
    /// The issue-list page being worked on (1-based).
    public var page: Int
    /// Pages in all, once the first page said how many issues there are.
    public var totalPages: Int?
    /// Issues handled so far (this run).
    public var issuesDone: Int
    /// Issues to handle in all (this run, from the first page on), when known.
    public var totalIssues: Int?
    /// Guance requests made so far.
    public var requests: Int
    /// Events produced (or, in a dry run, that would be).
    public var events: Int
    /// The request budget per minute.
    public var budgetPerMinute: Int
    /// Estimated seconds left at the budget, when the total is known.
    public var etaSeconds: Double?

    /// The fraction done (0…1), when the total is known.
    public var fraction: Double? {
        guard let totalIssues, totalIssues > 0 else { return totalIssues == 0 ? 1 : nil }
        return min(1, Double(issuesDone) / Double(totalIssues))
    }

    /// Seconds the `remainingRequests` take at `budgetPerMinute`, after the `availableNow`
    /// requests the limiter lets through at once.
    public static func eta(remainingRequests: Int, availableNow: Int, budgetPerMinute: Int) -> Double {
        let waiting = max(0, remainingRequests - availableNow)
        return (Double(waiting) * 60 / Double(max(1, budgetPerMinute))).rounded(.up)
    }
}
