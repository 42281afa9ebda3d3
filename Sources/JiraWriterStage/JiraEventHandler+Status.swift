import Foundation
import JiraAPI
import JiraWriter
import Logging
import RichText
import SyncCore

extension JiraEventHandler {
    /// The fields read back after a transition (the agreement records Jira's own version of it).
    static let statusFields = ["status", "statuscategorychangedate", "updated"]

    /// Moves the Jira status to agree with Guance when the status ledger says Guance's status is the
    /// one that changed (``SyncCore/StatusArbiter``): done → a `done` status (the client fills a
    /// required resolution); open while Jira is done → per `policies.reopen`. Every decision is
    /// recorded in the ledger (`sync.status.v1`), so guance-writer knows what Jira last showed.
    /// - Returns: the effect, or `nil` when nothing was written.
    /// - Throws: ``JiraAPIError/noTransitionToCategory(issue:category:reachableCategories:)`` when the
    ///   workflow offers no way there (dead-lettered as `transition-unavailable`).
    func applyStatus(_ snapshot: GuanceIssueSnapshot, issue: JiraIssue, link: LinkRecord, event: SyncEvent) async throws
        -> String?
    {
        guard
            var change = SideStatus.guance(
                statusType: snapshot.statusType, updatedAt: snapshot.updatedAt, statusChangedAt: snapshot.statusChangedAt),
            let target = JiraStatusReading.current(of: issue)
        else { return nil }
        change.seenAt = event.observedAt
        try await ledger.catchUp()
        var entry = ledger.entry(for: link)
        if entry.record(of: JiraWriterStage.name)?.pendingWrite != nil {
            let (settled, done) = try await statusRecords.settlePendingWrite(entry, current: target, link: link)
            if done { logger.info("status write found done after a restart; recorded", metadata: ["jira.issue": "\(link.jiraIssueKey)"]) }
            entry = settled
        }
        let verdict = arbiter.decide(change: change, target: target, entry: entry)
        let metadata: Logger.Metadata = [
            "guance.issue": "\(snapshot.issueUUID)", "jira.issue": "\(link.jiraIssueKey)", "event.id": "\(event.id)",
        ]
        switch verdict.action {
        case .stale:
            logger.debug("status decision: \(verdict.reason)", metadata: metadata)
            return nil
        case .unchanged, .agree, .keep, .awaitObservation:
            logger.info("status decision: \(verdict.reason)", metadata: metadata)
            try await statusRecords.recordObservation(change, entry: entry, link: link)
            return nil
        case .write(let category, let decidedAt):
            logger.info("status decision: \(verdict.reason)", metadata: metadata)
            let effect = try await write(
                category, snapshot: snapshot, change: change.decided(at: decidedAt), current: target.decided(at: decidedAt),
                entry: entry, link: link, event: event)
            logger.info("status synced to Jira", metadata: metadata.merging([
                "guance.status": "\(snapshot.statusType)", "jira.category.before": "\(target.category.rawValue)",
                "effect": "\(effect)",
            ]) { $1 })
            return effect
        }
    }


    /// `policies.reopen: comment`: one comment per reopening (marked, so a replay adds none).
    /// - Returns: whether a comment was added.
    func addReopenComment(_ snapshot: GuanceIssueSnapshot, link: LinkRecord) async throws -> Bool {
        let reopenedAt = snapshot.updatedAt ?? Date()
        let marker = JiraPropertyMarker.reopenNoteID(at: reopenedAt)
        if try await findMarkedComment(issue: link.jiraIssueId, replyUUID: marker) != nil { return false }
        let text = "The problem recurred: the issue was reopened in Guance at \(Self.timestamp(reopenedAt))."
        let property = JiraPropertyMarker.comment(replyUUID: marker, issueUUID: snapshot.issueUUID)
        _ = try await jira.addComment(
            issue: link.jiraIssueId, body: renderer.richText(RichDocument(plainText: text), limit: .jiraComment),
            properties: [propertyKey: property])
        return true
    }

    /// `policies.reopen: newIssue`: a new Jira issue for the recurrence (marked `guance-<uuid>-r<ms>`,
    /// created exactly once like any issue), a remote link to the previous one, and the link table
    /// now pointing at the new issue, so later replies and status changes go there. The new pair
    /// starts from its creation agreement (both open).
    func reopenAsNewIssue(_ snapshot: GuanceIssueSnapshot, previous: LinkRecord, event: SyncEvent) async throws -> String {
        let reopenedAt = snapshot.updatedAt ?? event.occurredAt
        let mark = GuanceIssueLabel.recurrenceMark(snapshot.issueUUID, reopenedAt: reopenedAt)
        var rendered = renderer.render(snapshot, eventID: event.id)
        rendered.draft.labels = JiraLabel.normalized(rendered.draft.labels + [JiraLabel.guanceIssue(mark)])
        switch try await ensureIssue(snapshot, rendered: rendered, event: event, recurrence: mark, replacing: previous) {
        case .pending(let outcome):
            throw RetryLater(outcome: outcome)
        case .linked(let recurrence, _):
            let previousLink = JiraRemoteLink(
                globalId: "guance-sync-previous=\(previous.jiraIssueId)", url: browseURL(previous.jiraIssueKey),
                title: "Previous occurrence: \(previous.jiraIssueKey)", applicationName: "Jira",
                relationship: "recurrence of", resolved: true)
            _ = try await jira.upsertRemoteLink(issue: recurrence.jiraIssueId, previousLink)
            logger.info("recurrence tracked in a new Jira issue", metadata: [
                "guance.issue": "\(snapshot.issueUUID)", "jira.issue": "\(recurrence.jiraIssueKey)",
                "jira.previous": "\(previous.jiraIssueKey)",
            ])
            return "jira_issue_created"
        }
    }

    /// A UTC ISO 8601 time to the second.
    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false).timeZone(separator: .omitted))
    }
}
