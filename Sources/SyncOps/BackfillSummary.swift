import Foundation

/// What a backfill did (printed at the end, or when it stops early with where to resume).
package struct BackfillSummary: Sendable, Hashable, Codable {
    /// Issues whose snapshot was produced.
    package var issues: Int
    /// Issues listed but skipped (older than `--since`, deleted, or resolved without `--include-resolved`).
    package var skippedIssues: Int
    /// Of ``skippedIssues``, those skipped because they are resolved or closed.
    package var skippedResolved: Int
    /// Reply events produced.
    package var replies: Int
    /// Events produced in all (or, in a dry run, that would be).
    package var events: Int
    /// Guance requests made.
    package var requests: Int
    /// The last issue-list page completed (`nil`: none).
    package var lastCompletedPage: Int?
    /// Whether every page was done.
    package var complete: Bool
    /// Whether nothing was produced (dry run).
    package var dryRun: Bool
    /// The page to pass as `--from-page` to continue, when not complete.
    package var resumeFromPage: Int?

    /// Nothing done yet: a run starting at `page`.
    package static func starting(at page: Int, dryRun: Bool) -> BackfillSummary {
        BackfillSummary(
            issues: 0, skippedIssues: 0, skippedResolved: 0, replies: 0, events: 0, requests: 0, lastCompletedPage: nil,
            complete: false, dryRun: dryRun, resumeFromPage: page)
    }
}

/// A backfill stopped before the end (failure or cancellation), with what it had done.
package struct BackfillInterrupted: Error, Sendable, CustomStringConvertible {
    /// Progress up to the stop; ``BackfillSummary/resumeFromPage`` says where to continue.
    package var summary: BackfillSummary
    /// Why it stopped (the error's description).
    package var cause: String

    /// Creates the error.
    package init(summary: BackfillSummary, cause: String) {
        self.summary = summary
        self.cause = cause
    }

    /// Explanation with the resume point.
    package var description: String {
        "backfill stopped at page \(summary.resumeFromPage ?? 1): \(cause)"
    }
}
