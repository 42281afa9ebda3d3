import Foundation

/// How far a backfill is, reported after every request-costing step.
package struct BackfillProgress: Sendable, Hashable, Codable {
    /// The issue-list page being worked on (1-based).
    package var page: Int
    /// Pages in all, once the first page said how many issues there are.
    package var totalPages: Int?
    /// Issues handled so far (this run).
    package var issuesDone: Int
    /// Issues to handle in all (this run, from the first page on), when known.
    package var totalIssues: Int?
    /// Guance requests made so far.
    package var requests: Int
    /// Events produced (or, in a dry run, that would be).
    package var events: Int
    /// The request budget per minute.
    package var budgetPerMinute: Int
    /// Estimated seconds left at the budget, when the total is known.
    package var etaSeconds: Double?

    /// The fraction done (0…1), when the total is known.
    package var fraction: Double? {
        guard let totalIssues, totalIssues > 0 else { return totalIssues == 0 ? 1 : nil }
        return min(1, Double(issuesDone) / Double(totalIssues))
    }

    /// Seconds the `remainingRequests` take at `budgetPerMinute`, after the `availableNow`
    /// requests the limiter lets through at once.
    package static func eta(remainingRequests: Int, availableNow: Int, budgetPerMinute: Int) -> Double {
        let waiting = max(0, remainingRequests - availableNow)
        return (Double(waiting) * 60 / Double(max(1, budgetPerMinute))).rounded(.up)
    }
}
