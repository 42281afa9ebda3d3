import Foundation
import JiraAPI
import JiraWriter
import Logging
import SyncCore

/// Guance assignees → Jira assignee, Guance level → Jira priority, decided by the field ledger
/// (``SyncCore/FieldArbiter``, the status ledger's records for fields): only a Guance value that moved
/// since the last agreement is carried, after reading Jira, and never over a newer Jira decision
/// unless `policies.conflict` says so.
extension JiraEventHandler {
    /// The Jira fields a field decision reads.
    static let fieldFields = ["assignee", "priority", "updated"]

    /// Carries the snapshot's assignees (when `policies.syncAssignees`) and level (when priorities are
    /// mapped) to Jira.
    /// - Returns: the effects (`jira_assignee_changed`, `jira_priority_changed`).
    func applyFields(_ snapshot: GuanceIssueSnapshot, link: LinkRecord, event: SyncEvent) async throws -> [String] {
        var fields: [SyncedField] = []
        if configuration.policies.syncAssignees { fields.append(.assignee) }
        if !configuration.priorities.isEmpty { fields.append(.priority) }
        guard !fields.isEmpty else { return [] }
        try await ledger.catchUp()
        var effects: [String] = []
        for field in fields {
            if let effect = try await applyField(field, snapshot: snapshot, link: link, event: event) { effects.append(effect) }
        }
        return effects
    }

    private func applyField(_ field: SyncedField, snapshot: GuanceIssueSnapshot, link: LinkRecord, event: SyncEvent)
        async throws -> String?
    {
        let change = Self.guanceReading(field, of: snapshot)
        var entry = ledger.fieldEntry(for: link)
        let metadata: Logger.Metadata = [
            "guance.issue": "\(snapshot.issueUUID)", "jira.issue": "\(link.jiraIssueKey)", "event.id": "\(event.id)",
            "field": "\(field.rawValue)",
        ]
        // Redeliveries, replays, echoes of guance-writer's writes, and snapshots of other edits: no Jira call.
        guard !FieldArbiter.isStale(field, change, entry: entry), FieldArbiter.moved(field, change, entry: entry) else {
            return nil
        }
        let issue = try await jira.issue(link.jiraIssueId, fields: Self.fieldFields)
        if entry.record(of: JiraWriterStage.name)?[field].pendingWrite != nil {
            entry = try await settleFieldWrite(field, current: Self.jiraReading(field, of: issue), entry: entry, link: link)
        }
        let target = Self.jiraReading(field, of: issue)
        let (plan, users) = try await jiraPlan(field, change: change, issue: issue)
        if case .unmapped(let values) = plan {
            for value in values {
                await self.users.reportUnmapped(value, side: .guance, metadata: metadata)
            }
        }
        let verdict = fieldArbiter.decide(
            field, change: change, target: target, targetShowsChange: plan.writesNothing, entry: entry)
        logger.info("\(field.rawValue) decision: \(verdict.reason)", metadata: metadata)
        switch verdict.action {
        case .stale, .unchanged:
            return nil
        case .agree:
            let time = change.changedAt ?? change.version
            try await statusRecords.recordFieldAgreement(
                field, guance: change.decided(at: time), jira: target.decided(at: time), entry: entry, link: link)
            return nil
        case .keep:
            try await statusRecords.recordFieldObservation(field, change, entry: entry, link: link)
            return nil
        case .write(let decidedAt):
            guard case .write(let values) = plan else { return nil }
            let written = try await writeField(
                field, values: values, users: users, change: change.decided(at: decidedAt), target: target, entry: entry,
                link: link)
            logger.info("\(field.rawValue) synced to Jira", metadata: metadata.merging(["values": "\(values)"]) { $1 })
            await addFieldNote(field, snapshot: snapshot, written: written, link: link)
            return field == .assignee ? "jira_assignee_changed" : "jira_priority_changed"
        }
    }

    /// What Jira should show for the Guance value, and the Jira users the assignees are paired with.
    private func jiraPlan(_ field: SyncedField, change: FieldReading, issue: JiraIssue) async throws
        -> (FieldPlan, [String: JiraUser])
    {
        switch field {
        case .priority:
            return (PriorityMapping(priorities: configuration.priorities).jiraPlan(
                level: change.single, jiraPriority: issue.fields.priority?.id), [:])
        case .assignee:
            var paired: [String: JiraUser] = [:]
            for manager in change.values {
                if let user = try await users.jiraUser(forGuance: manager), user.stableIdentifier != nil { paired[manager] = user }
            }
            let plan = AssigneeMapping.jiraPlan(
                managers: change.values, jiraAssignee: issue.fields.assignee?.identifiers ?? [],
                jiraUser: { manager in paired[manager].flatMap { user in user.stableIdentifier.map { ($0, user.identifiers) } } })
            let byId = Dictionary(paired.values.compactMap { user in user.stableIdentifier.map { ($0, user) } }) { first, _ in first }
            return (plan, byId)
        }
    }

    /// The Guance side of a field in a snapshot.
    static func guanceReading(_ field: SyncedField, of snapshot: GuanceIssueSnapshot) -> FieldReading {
        let values: [String]
        switch field {
        case .assignee: values = snapshot.assignees
        case .priority: values = snapshot.level.map { [$0.id] } ?? []
        }
        return FieldReading(side: .guance, values: values, version: snapshot.updatedAt)
    }

    /// The Jira side of a field as read.
    static func jiraReading(_ field: SyncedField, of issue: JiraIssue) -> FieldReading {
        let values: [String]
        switch field {
        case .assignee: values = issue.fields.assignee?.stableIdentifier.map { [$0] } ?? []
        case .priority: values = issue.fields.priority.map { [$0.id] } ?? []
        }
        return FieldReading(side: .jira, values: values, version: issue.fields.updated)
    }
}
