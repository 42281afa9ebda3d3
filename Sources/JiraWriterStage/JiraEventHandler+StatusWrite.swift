import Foundation
import JiraAPI
import JiraWriter
import SyncCore

/// jira-writer's status writes and their ledger records: a pending write recorded before the
/// transition (so its echo is recognised even after a crash), the agreement after it, observations
/// of Guance statuses handled without a write.
extension JiraEventHandler {
    /// Writes `category` to Jira and records the agreement reached (both sides standing for the
    /// decision `change` carries).
    func write(
        _ category: StatusCategory, snapshot: GuanceIssueSnapshot, change: SideStatus, current: SideStatus,
        entry: StatusLedgerEntry, link: LinkRecord, event: SyncEvent
    ) async throws -> String {
        if category == .open, configuration.policies.reopen != .reopen {
            return try await reopenByPolicy(snapshot, change: change, current: current, link: link, event: event)
        }
        let (transition, categoryKey) = try await plannedTransition(to: category, issue: link.jiraIssueId)
        guard let transition else { return "noop" }
        let previous = entry.record(of: JiraWriterStage.name)
        var pending = previous ?? baseRecord(entry, link: link)
        pending.pendingWrite = SideStatus(
            side: .jira, category: category, value: transition.to?.id ?? "", version: current.version, changedAt: nil,
            decidedAt: change.decidedAt)
        try await ledger.record(pending)
        do {
            try await jira.perform(transition, issue: link.jiraIssueId, toStatusCategory: categoryKey)
        } catch {
            // Nothing (or nothing known) was written: the pending write is withdrawn.
            try? await ledger.record(previous ?? baseRecord(entry, link: link))
            throw error
        }
        let written = try await readBack(link, wrote: category, status: transition.to?.id).decided(at: change.decidedAt)
        try await recordAgreement(guance: change, jira: written, wrote: .jira, link: link)
        return "jira_issue_transitioned"
    }

    /// `policies.reopen` other than `reopen`: a comment (Jira stays done, which is then the agreed
    /// state until either side moves) or a new Jira issue for the recurrence.
    private func reopenByPolicy(
        _ snapshot: GuanceIssueSnapshot, change: SideStatus, current: SideStatus, link: LinkRecord, event: SyncEvent
    ) async throws -> String {
        if configuration.policies.reopen == .newIssue {
            return try await reopenAsNewIssue(snapshot, previous: link, event: event)
        }
        let added = try await addReopenComment(snapshot, link: link)
        try await recordAgreement(guance: change, jira: current, wrote: .jira, link: link)
        return added ? "jira_comment_added" : "noop"
    }

    /// Settles this writer's pending write left by a stop between the transition and its record:
    /// Jira shows the category → it is recorded as done; it does not → it is withdrawn.
    func settlePendingWrite(_ entry: StatusLedgerEntry, current: SideStatus, link: LinkRecord) async throws
        -> StatusLedgerEntry
    {
        guard var record = entry.record(of: JiraWriterStage.name), let pending = record.pendingWrite else { return entry }
        record.pendingWrite = nil
        if current.category == pending.category, StatusArbiter.later(current.version, than: pending.version) {
            record.jira = current.decided(at: pending.decidedAt)
            record.wrote = .jira
            logger.info("status write found done after a restart; recorded", metadata: ["jira.issue": "\(link.jiraIssueKey)"])
        }
        record.recordedAt = Date()
        try await ledger.record(record)
        return ledger.entry(for: link)
    }

    /// The transition that moves the issue into `category`: to `done`; back to a `new` status, else
    /// an `indeterminate` one. `nil` when the issue is there already.
    private func plannedTransition(to category: StatusCategory, issue: String) async throws -> (JiraTransition?, String) {
        let keys = category == .done ? ["done"] : ["new", "indeterminate"]
        let transition = try await jira.transitionPlan(issue: issue, toAnyOf: keys)
        return (transition, transition?.to?.category?.key ?? keys[0])
    }

    /// Jira's status right after the sync's transition. When someone else moved it in between (not
    /// the status the transition leads to), the reading is not the sync's: it is recorded without a
    /// version, so that person's change still counts as theirs.
    private func readBack(_ link: LinkRecord, wrote category: StatusCategory, status expected: String?) async throws
        -> SideStatus
    {
        let issue = try await jira.issue(link.jiraIssueId, fields: Self.statusFields)
        guard let status = Self.jiraStatus(of: issue), status.category == category,
            expected.map({ $0 == status.value }) ?? true
        else {
            return SideStatus(side: .jira, category: category, value: expected ?? "", version: nil, changedAt: nil)
        }
        return status
    }

    /// Records what the sync just wrote (jira-writer's own ledger record).
    func recordAgreement(guance: SideStatus, jira: SideStatus, wrote: EventOrigin?, link: LinkRecord) async throws {
        try await ledger.record(StatusAgreement(
            guanceIssueUUID: link.guanceIssueUUID, jiraIssueId: link.jiraIssueId, writer: JiraWriterStage.name,
            guance: guance, jira: jira, wrote: wrote))
    }

    /// Records a Guance status handled without a write, so guance-writer knows guance-poller has
    /// delivered that version and when the status changed (nothing to record without an agreement
    /// to extend). Finding both sides equal is not recorded as an agreement: the snapshot may be
    /// older than Guance's current status, and an agreement must stand for what both sides show.
    func recordObservation(_ change: SideStatus, entry: StatusLedgerEntry, link: LinkRecord) async throws {
        guard let agreedGuance = entry.agreed(.guance), let agreedJira = entry.agreed(.jira) else { return }
        var record = entry.record(of: JiraWriterStage.name) ?? StatusAgreement(
            guanceIssueUUID: link.guanceIssueUUID, jiraIssueId: link.jiraIssueId, writer: JiraWriterStage.name,
            guance: agreedGuance, jira: agreedJira)
        record.guanceObserved = change
        record.recordedAt = Date()
        try await ledger.record(record)
    }

    /// This writer's record when it has none yet: the agreement as the ledger knows it (or the
    /// creation agreement).
    private func baseRecord(_ entry: StatusLedgerEntry, link: LinkRecord) -> StatusAgreement {
        let creation = StatusLedgerEntry.creationAgreement(link: link, writer: JiraWriterStage.name)
        return StatusAgreement(
            guanceIssueUUID: link.guanceIssueUUID, jiraIssueId: link.jiraIssueId, writer: JiraWriterStage.name,
            guance: entry.agreed(.guance) ?? creation.guance, jira: entry.agreed(.jira) ?? creation.jira)
    }
}
