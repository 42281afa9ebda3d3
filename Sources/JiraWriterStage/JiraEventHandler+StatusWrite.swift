import Foundation
import JiraAPI
import JiraWriter
import SyncCore

/// jira-writer's status writes: a pending write announced in the ledger before the transition (so
/// its echo is recognised even after a crash), the agreement recorded after it.
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
        let keys = category == .done ? ["done"] : ["new", "indeterminate"]
        let plan = try await jira.transitionPlan(issue: link.jiraIssueId, toAnyOf: keys)
        guard let transition = plan.transition else { return "noop" }
        // Someone moved Jira since the decision was made: decide again with what it shows now
        // (neither API has conditional writes; this keeps the window to a person's change small).
        // Moved away and back (resolved, then reopened) reads the same status id, but its
        // `statuscategorychangedate` moved.
        let movedAndBack = current.changedAt != nil && plan.currentStatusCategoryChangedAt != nil
            && plan.currentStatusCategoryChangedAt != current.changedAt
        guard plan.currentStatusId == current.value, !movedAndBack else {
            throw RetryLater(outcome: .retry(after: .seconds(1), reason: "Jira's status changed while deciding"))
        }
        let categoryKey = transition.to?.category?.key ?? keys[0]
        let pending = SideStatus(
            side: .jira, category: category, value: transition.to?.id ?? "", version: current.version, changedAt: nil,
            decidedAt: change.decidedAt)
        let previous = try await statusRecords.announce(pending, entry: entry, link: link)
        do {
            try await jira.perform(transition, issue: link.jiraIssueId, toStatusCategory: categoryKey)
        } catch {
            // Nothing (or nothing known) was written: the pending write is withdrawn.
            await statusRecords.withdraw(restoring: previous)
            // Jira refuses a transition that is not offered from the status the issue has now: a person
            // moved it between the plan and the write. Decide again with what it shows.
            if let failure = error as? JiraAPIError, failure.httpStatus == 400 {
                // Unreadable now: decide again later rather than dead-letter what may be that race.
                let now = try? await jira.issue(link.jiraIssueId, fields: ["status"]).fields.status?.id
                if now == nil || now != current.value {
                    throw RetryLater(outcome: .retry(after: .seconds(1), reason: "Jira's status changed while writing"))
                }
            }
            throw error
        }
        logger.info("Jira transitioned", metadata: [
            "jira.issue": "\(link.jiraIssueKey)", "jira.status.from": "\(plan.currentStatusId ?? "-")",
            "jira.transition": "\(transition.id)", "jira.status.to": "\(transition.to?.id ?? "-")",
        ])
        let written = try await readBack(link, wrote: category, status: transition.to?.id).decided(at: change.decidedAt)
        try await statusRecords.recordAgreement(guance: change, jira: written, wrote: .jira, link: link)
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
        try await statusRecords.recordAgreement(guance: change, jira: current, wrote: .jira, link: link)
        return added ? "jira_comment_added" : "noop"
    }

    /// Jira's status right after the sync's transition. When someone else moved it in between (not
    /// the status the transition leads to), the reading is not the sync's: it is recorded without a
    /// version, so that person's change still counts as theirs.
    private func readBack(_ link: LinkRecord, wrote category: StatusCategory, status expected: String?) async throws
        -> SideStatus
    {
        let issue = try await jira.issue(link.jiraIssueId, fields: Self.statusFields)
        guard let status = JiraStatusReading.current(of: issue), status.category == category,
            expected.map({ $0 == status.value }) ?? true
        else {
            return SideStatus(side: .jira, category: category, value: expected ?? "", version: nil, changedAt: nil)
        }
        return status
    }
}
