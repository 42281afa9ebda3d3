import Foundation
import GuanceAPI
import GuancePoller
import Logging
import SyncCore

/// Brings existing Guance issues (and optionally their replies) into the pipeline: produces the
/// same normalized events guance-poller would to `guance.events.v1`. This is how history gets
/// across: guance-poller publishes nothing for issues last changed before its start time. Resolved
/// and closed issues are left out unless ``Options/includeResolved`` is set. guance-poller folds
/// the backfilled snapshots into its state (within a minute, or at its next start) and from then
/// on syncs those issues like any other, later replies and changes included.
///
/// Events carry deterministic ids derived from their content (``SyncCore/EventID``), built with
/// the poller's own ``GuancePoller/GuanceEventMapper``; a backfill that overlaps the poller or a
/// previous backfill produces the same ids, which the writers skip. Every Guance request goes
/// through the client's rate limiter, so the backfill never spends more than its budget
/// (`GUANCE_REQUESTS_PER_MINUTE`); it waits instead. It works page by page through the issue
/// list and can resume at any page (`firstPage`); a stop reports the page to resume at.
package struct Backfill: Sendable {
    /// What to backfill.
    package struct Options: Sendable, Hashable {
        /// Issues created or updated at or after this time.
        package var since: Date
        /// Also produce reply events.
        package var includeReplies: Bool
        /// Also backfill resolved and closed issues (`statusType` 20 and 25).
        package var includeResolved: Bool
        /// Page to start at (1-based), to resume.
        package var firstPage: Int
        /// Issues per list page.
        package var pageSize: Int
        /// Whether the issue list is asked for the window `[since, now]` (fewer pages). The field
        /// Guance filters the window on is undocumented: if it is `createAt`, issues created
        /// before `since` and updated after are not listed. Off by default: every issue is listed
        /// and filtered here on its creation and update times.
        package var serverWindow: Bool

        /// Creates options.
        package init(
            since: Date, includeReplies: Bool, includeResolved: Bool = false, firstPage: Int = 1, pageSize: Int = 100,
            serverWindow: Bool = false
        ) {
            self.since = since
            self.includeReplies = includeReplies
            self.includeResolved = includeResolved
            self.firstPage = max(1, firstPage)
            self.pageSize = max(1, pageSize)
            self.serverWindow = serverWindow
        }
    }

    /// Produces events and waits for their acknowledgement; `nil` for a dry run.
    package typealias Publish = @Sendable ([SyncEvent]) async throws -> Void

    private let guance: GuanceClient
    private let mapper: GuanceEventMapper
    private let replyFilter: ReplyFilter
    private let publish: Publish?
    private let logger: Logger

    /// Creates a backfill.
    package init(guance: GuanceClient, mapper: GuanceEventMapper, replyFilter: ReplyFilter, publish: Publish?, logger: Logger) {
        self.guance = guance
        self.mapper = mapper
        self.replyFilter = replyFilter
        self.publish = publish
        self.logger = logger
    }

    /// Runs the backfill.
    /// - Parameter onProgress: called after every request-costing step.
    /// - Throws: ``BackfillInterrupted`` (with where to resume) on failure or cancellation.
    package func run(_ options: Options, onProgress: @Sendable (BackfillProgress) -> Void = { _ in }) async throws -> BackfillSummary {
        let budget = guance.rateLimitStatus().policy.requestsPerWindow
        var summary = BackfillSummary.starting(at: options.firstPage, dryRun: publish == nil)
        var progress = BackfillProgress(
            page: options.firstPage, totalPages: nil, issuesDone: 0, totalIssues: nil, requests: 0, events: 0,
            budgetPerMinute: budget, etaSeconds: nil)
        let query = GuanceIssueListQuery(
            startTime: options.serverWindow ? options.since : nil, endTime: options.serverWindow ? Date() : nil,
            pageIndex: options.firstPage, pageSize: options.pageSize)
        do {
            for try await page in guance.issuePages(query) {
                try Task.checkCancellation()
                summary.requests += 1
                progress.page = page.pageIndex
                if progress.totalIssues == nil, let total = page.pageInfo?.totalCount {
                    let pageSize = max(1, page.pageInfo?.pageSize ?? options.pageSize)
                    progress.totalPages = (total + pageSize - 1) / pageSize
                    progress.totalIssues = max(0, total - (options.firstPage - 1) * pageSize)
                }
                report(&progress, summary, options, onProgress)
                for issue in page.items {
                    try await backfill(issue, options, &summary)
                    progress.issuesDone += 1
                    report(&progress, summary, options, onProgress)
                }
                summary.lastCompletedPage = page.pageIndex
                summary.resumeFromPage = page.pageIndex + 1
                logger.info("backfill page done", metadata: ["page": "\(page.pageIndex)", "events": "\(summary.events)"])
            }
        } catch {
            throw BackfillInterrupted(summary: summary, cause: "\(error)")
        }
        summary.complete = true
        summary.resumeFromPage = nil
        return summary
    }

    private func backfill(_ issue: GuanceIssue, _ options: Options, _ summary: inout BackfillSummary) async throws {
        let changedAt = [issue.createdAt, issue.updatedAt].compactMap { $0 }.max()
        guard !issue.isDeleted, let changedAt, changedAt >= options.since else {
            summary.skippedIssues += 1
            return
        }
        guard options.includeResolved || issue.statusType.isUnresolved else {
            summary.skippedIssues += 1
            summary.skippedResolved += 1
            return
        }
        let observedAt = Date()
        let snapshot = mapper.snapshot(of: issue)
        var events = [SyncEvent(
            body: .guanceIssueSnapshot(snapshot), occurredAt: snapshot.updatedAt ?? snapshot.createdAt ?? observedAt,
            observedAt: observedAt)]
        if options.includeReplies {
            for try await page in guance.replyPages(issueUUID: issue.uuid) {
                summary.requests += 1
                for reply in page.items where !reply.isDeleted && replyFilter.shouldMirror(reply) {
                    let change = mapper.replyChange(of: reply, issueUUID: issue.uuid)
                    events.append(SyncEvent(
                        body: .guanceReplyCreated(change), occurredAt: change.createdAt ?? observedAt, observedAt: observedAt))
                    summary.replies += 1
                }
            }
        }
        try await publish?(events)
        summary.issues += 1
        summary.events += events.count
    }

    private func report(
        _ progress: inout BackfillProgress, _ summary: BackfillSummary, _ options: Options,
        _ onProgress: (BackfillProgress) -> Void
    ) {
        progress.requests = summary.requests
        progress.events = summary.events
        if let totalIssues = progress.totalIssues, let totalPages = progress.totalPages {
            let remainingIssues = max(0, totalIssues - progress.issuesDone)
            let remainingPages = max(0, totalPages - progress.page)
            let remaining = remainingPages + (options.includeReplies ? remainingIssues : 0)
            progress.etaSeconds = BackfillProgress.eta(
                remainingRequests: remaining, availableNow: guance.rateLimitStatus().remaining,
                budgetPerMinute: progress.budgetPerMinute)
        }
        onProgress(progress)
    }
}
