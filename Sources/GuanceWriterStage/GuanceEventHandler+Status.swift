import Foundation
import GuanceAPI
import GuanceWriter
import StageRuntime
import SyncCore

/// Jira status → Guance `statusType`: read-before-write, the conflict rule, stale-event detection.
extension GuanceEventHandler {
    func applyStatus(_ change: JiraStatusChange, _ linked: LinkedIssue, _ event: SyncEvent) async throws -> HandlingOutcome
    {
        let previous = statusStates.state(jiraIssueId: change.issue.id)
        if previous?.eventID == event.id { return .applied(effect: Effect.noop) }
        if let changedAt = change.changedAt, let settled = previous?.jiraChangedAt, changedAt < settled {
            logger.info(
                "status decision: stale Jira change, a later one was already applied",
                metadata: [
                    "jira.issue": "\(change.issue.key)", "category": "\(change.categoryKey)",
                ])
            return .applied(effect: Effect.noop)
        }
        let issue = try await guance.issue(linked.guanceIssueUUID)
        gate.accepted()
        if issue.isDeleted {
            logger.info(
                "status decision: Guance issue is deleted, nothing to change", metadata: ["guance.issue": "\(issue.uuid)"])
            return .applied(effect: Effect.noop)
        }
        // Guance's status counts as changed since the last sync only when it differs from what was settled.
        let guanceChangedAt: Date?
        if let previous,
            StatusMapper.isEquivalent(issue.statusType, to: GuanceStatusType(rawValue: previous.guanceStatusType))
        {
            guanceChangedAt = nil
        } else {
            guanceChangedAt = issue.updatedAt
        }
        let decision = mapper.withLock {
            $0.decide(
                change, current: issue.statusType, guanceChangedAt: guanceChangedAt,
                lastSyncedAt: previous?.syncedAt ?? linked.link?.linkedAt)
        }
        logger.info(
            "status decision: \(decision.reason)",
            metadata: [
                "jira.issue": "\(change.issue.key)", "guance.issue": "\(issue.uuid)", "event.id": "\(event.id)",
            ])
        guard let wanted = decision.statusTypeToWrite else {
            try await settle(change, event, guanceStatusType: issue.statusType, guanceUpdatedAt: issue.updatedAt)
            return .applied(effect: Effect.noop)
        }
        let written = try await modifyStatus(of: issue, to: wanted)
        FaultInjection.crashPoint(Effect.statusChanged, environment: environment, logger: logger)
        try await settle(change, event, guanceStatusType: written.statusType, guanceUpdatedAt: written.updatedAt)
        return .applied(effect: Effect.statusChanged)
    }

    /// Sends the status change; a tenant refusing 15/25 gets the legacy value, remembered for later.
    private func modifyStatus(of issue: GuanceIssue, to wanted: GuanceStatusType) async throws -> (
        statusType: GuanceStatusType, updatedAt: Date?
    ) {
        do {
            let modified = try await guance.modifyIssue(
                issue.uuid, IssueModificationPlanner.statusChange(of: issue, to: wanted))
            gate.accepted()
            return (wanted, modified.updatedAt)
        } catch let error as GuanceAPIError {
            guard
                case .retryWithLegacyStatusType(let legacy) = classifier.classify(error, attempt: 1, sentStatusType: wanted)
            else { throw error }
            logger.warning("Guance refused statusType \(wanted.rawValue); using \(legacy.rawValue) from now on")
            mapper.withLock { $0.usesLegacyStatusTypes = true }
            let modified = try await guance.modifyIssue(
                issue.uuid, IssueModificationPlanner.statusChange(of: issue, to: legacy))
            gate.accepted()
            return (legacy, modified.updatedAt)
        }
    }

    /// Remembers that both sides agree (or were decided) as of now.
    private func settle(
        _ change: JiraStatusChange, _ event: SyncEvent, guanceStatusType: GuanceStatusType, guanceUpdatedAt: Date?
    ) async throws {
        let now = Date()
        try await statusStates.save(
            StatusSyncState(
                jiraIssueId: change.issue.id, syncedAt: max(now, guanceUpdatedAt ?? now),
                guanceStatusType: guanceStatusType.rawValue,
                jiraChangedAt: change.changedAt, eventID: event.id
            ))
    }
}
