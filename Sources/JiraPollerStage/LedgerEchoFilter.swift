import Logging
import StageRuntime
import SyncCore

/// Drops the Jira changes the status ledger already accounts for before jira-poller publishes them:
/// the sync's own transitions, assignee and priority writes (jira-writer records Jira's version of
/// each, and a pending write before it) never reach guance-writer's queue, where they would wait in
/// front of people's changes. Read-before-write in guance-writer stays the guard for an echo that
/// arrives before its record.
struct LedgerEchoFilter {
    let ledger: StatusLedger
    let logger: Logger

    /// `events` without the changes the ledger covers.
    func withoutEchoes(_ events: [SyncEvent], table: LinkTable) async throws -> [SyncEvent] {
        let judged: Set<EventType> = [.jiraIssueStatusChanged, .jiraIssueAssigneeChanged, .jiraIssuePriorityChanged]
        guard events.contains(where: { judged.contains($0.type) }) else { return events }
        try await ledger.catchUp()
        return events.filter { event in
            guard let link = table.issueLink(jiraIssueId: event.key), let echo = echo(event, link: link) else { return true }
            logger.debug("change already accounted for (the sync's own write); not published", metadata: [
                "jira.issue": "\(link.jiraIssueKey)", "event.type": "\(event.type.rawValue)", "value": "\(echo)",
            ])
            return false
        }
    }

    /// The newest Jira readings of the synced fields the ledger holds for a linked Jira issue (agreed or
    /// observed), for ``JiraPoller/IssueChangeDetector``: a value a person set back before the next poll
    /// still differs from them.
    func knownJiraReadings(jiraIssueId: String, table: LinkTable) -> [SyncedField: FieldReading] {
        guard let link = table.issueLink(jiraIssueId: jiraIssueId) else { return [:] }
        let entry = ledger.fieldEntry(for: link)
        var readings: [SyncedField: FieldReading] = [:]
        for field in SyncedField.allCases {
            let known = [entry.agreed(field, .jira), entry.observed(field, .jira)].compactMap { $0 }
            readings[field] = known.max { FieldArbiter.later($1.version, than: $0.version) }
        }
        return readings
    }

    /// What the event says, when the ledger already accounts for it; `nil` when it must be published.
    private func echo(_ event: SyncEvent, link: LinkRecord) -> String? {
        switch event.body {
        case .jiraIssueStatusChanged(let change):
            guard let status = change.sideStatus, StatusArbiter.isStale(status, entry: ledger.entry(for: link)) else { return nil }
            return change.categoryKey
        case .jiraIssueAssigneeChanged(let change):
            guard FieldArbiter.isStale(.assignee, change.reading, entry: ledger.fieldEntry(for: link)) else { return nil }
            return change.assignee?.id ?? "unassigned"
        case .jiraIssuePriorityChanged(let change):
            guard FieldArbiter.isStale(.priority, change.reading, entry: ledger.fieldEntry(for: link)) else { return nil }
            return change.priorityId ?? "none"
        default:
            return nil
        }
    }
}
