import Foundation
import GuanceAPI
import GuanceWriter
import Logging
import StageClients
import StageRuntime
import SyncCore

/// Jira assignee → Guance assignees (`extend.manager`, by `policies.jiraAssignee`), Jira priority →
/// Guance level (`policies.levelFromPriority`), decided by the field ledger
/// (``SyncCore/FieldArbiter``): echoes, replays and other edits cost no Guance call; a change is read
/// against the Guance issue before anything is written.
extension GuanceEventHandler {
    func applyAssignee(_ change: JiraAssigneeChange, _ linked: LinkedIssue, _ event: SyncEvent) async throws -> HandlingOutcome {
        guard syncsAssignees else { return .applied(effect: Effect.noop) }
        // The Guance account is looked up before the read and modify take their budget: a members
        // listing (the directory's cache expired) must not spend the modify's reserved request.
        let account = { () async throws -> String? in
            try await change.assignee.asyncMap { try await self.users.guanceValue(forJira: $0) } ?? nil
        }
        return try await applyField(.assignee, change: change.reading, note: FieldNote(change), linked, event, prepare: account) {
            issue, account in
            AssigneeMapping.guancePlan(
                jiraAssignee: change.assignee?.id, guanceAccount: account, managers: issue.extend.manager,
                policy: self.assigneePolicy)
        }
    }

    func applyPriority(_ change: JiraPriorityChange, _ linked: LinkedIssue, _ event: SyncEvent) async throws -> HandlingOutcome {
        guard syncsLevels else { return .applied(effect: Effect.noop) }
        return try await applyField(.priority, change: change.reading, note: FieldNote(change), linked, event, prepare: {}) {
            issue, _ in
            self.priorityMapping.guancePlan(priority: change.priorityId, level: issue.level.isNone ? nil : issue.level.uuid)
        }
    }

    /// Decides and writes one field: `prepare` runs once the change is known to matter (after the
    /// ledger's staleness check, before the issue's read and modify take their budget), and `planFor`
    /// turns the issue as read and what `prepare` found into the Guance plan.
    private func applyField<Prepared>(
        _ field: SyncedField, change: FieldReading, note: FieldNote, _ linked: LinkedIssue, _ event: SyncEvent,
        prepare: () async throws -> Prepared, plan planFor: (GuanceIssue, Prepared) async throws -> FieldPlan
    ) async throws -> HandlingOutcome {
        let link = linked.link
        let metadata: Logger.Metadata = [
            "jira.issue": "\(link.jiraIssueKey)", "guance.issue": "\(linked.guanceIssueUUID)", "event.id": "\(event.id)",
            "field": "\(field.rawValue)",
        ]
        try await ledger.catchUp()
        var entry = ledger.fieldEntry(for: link)
        // The echo of the sync's own write, a redelivery or a replay, or nothing new: no Guance call at all.
        guard !FieldArbiter.isStale(field, change, entry: entry), FieldArbiter.moved(field, change, entry: entry) else {
            logger.debug("\(field.rawValue) decision: already accounted for or unchanged", metadata: metadata)
            return .applied(effect: Effect.noop)
        }
        let prepared = try await prepare()
        // The read and the modify that may follow take their budget together, so the modify re-sends
        // an `extend` read moments before, not one that went stale while it waited for budget.
        return try await guance.withReservedRequests(2) {
            var issue = try await guance.issue(linked.guanceIssueUUID)
            gate.accepted()
            if issue.isDeleted {
                logger.info("\(field.rawValue) decision: Guance issue is deleted, nothing to change", metadata: metadata)
                return .applied(effect: Effect.noop)
            }
            if entry.record(of: GuanceWriterStage.name)?[field].pendingWrite != nil {
                entry = try await settleFieldWrite(field, current: Self.guanceReading(field, of: issue), entry: entry, link: link)
            }
            let target = Self.guanceReading(field, of: issue)
            let plan = try await planFor(issue, prepared)
            if case .unmapped(let values) = plan {
                for value in values { await users.reportUnmapped(value, side: .jira, metadata: metadata) }
            }
            let verdict = fieldArbiter.decide(field, change: change, target: target, targetShowsChange: plan.writesNothing, entry: entry)
            logger.info("\(field.rawValue) decision: \(verdict.reason)", metadata: metadata)
            switch verdict.action {
            case .stale, .unchanged:
                return .applied(effect: Effect.noop)
            case .agree:
                let time = change.changedAt ?? change.version
                try await statusRecords.recordFieldAgreement(
                    field, guance: target.decided(at: time), jira: change.decided(at: time), entry: entry, link: link)
                return .applied(effect: Effect.noop)
            case .keep:
                try await statusRecords.recordFieldObservation(field, change, entry: entry, link: link)
                return .applied(effect: Effect.noop)
            case .write(let decidedAt):
                guard case .write(let values) = plan else { return .applied(effect: Effect.noop) }
                issue = try await writeField(
                    field, values: values, of: issue, carrying: change.decided(at: decidedAt), entry: entry, link: link)
                logger.info("\(field.rawValue) synced to Guance", metadata: metadata.merging(["values": "\(values)"]) { $1 })
                await addFieldNote(note, field: field, issue: issue, link: link)
                return .applied(effect: field == .assignee ? Effect.assigneesChanged : Effect.levelChanged)
            }
        }
    }

    /// The Guance side of a field as read.
    static func guanceReading(_ field: SyncedField, of issue: GuanceIssue) -> FieldReading {
        let values: [String]
        switch field {
        case .assignee: values = issue.extend.manager
        case .priority: values = issue.level.isNone ? [] : [issue.level.uuid]
        }
        return FieldReading(side: .guance, values: values, version: issue.updatedAt)
    }
}

/// What a change note in Guance says about a Jira change.
struct FieldNote: Sendable {
    /// The Jira issue key.
    var issueKey: String
    /// The new value as people read it (a display name, a priority name), `nil` for none.
    var value: String?

    init(_ change: JiraAssigneeChange) {
        issueKey = change.issue.key
        value = change.assignee.map { $0.displayName ?? $0.name ?? $0.id }
    }

    init(_ change: JiraPriorityChange) {
        issueKey = change.issue.key
        value = change.priorityName ?? change.priorityId
    }
}

extension Optional {
    /// `map` with an asynchronous, throwing transform.
    func asyncMap<Mapped>(_ transform: (Wrapped) async throws -> Mapped) async rethrows -> Mapped? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
