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
                lastSyncedAt: previous?.syncedAt ?? linked.link.linkedAt)
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

    /// Sends the status change, adapting to older deployments (each lesson remembered for later):
    /// a tenant refusing 15/25 gets the legacy value; one whose modify requires `name`, `level` and
    /// `description` gets them re-sent as fetched.
    private func modifyStatus(of issue: GuanceIssue, to wanted: GuanceStatusType) async throws -> (
        statusType: GuanceStatusType, updatedAt: Date?
    ) {
        var statusType = wanted
        var resending = resendsIssueFields.withLock { $0 }
        while true {
            do {
                let modification = IssueModificationPlanner.statusChange(
                    of: issue, to: statusType, resendingNameLevelAndDescription: resending)
                let modified = try await guance.modifyIssue(issue.uuid, modification)
                gate.accepted()
                if resending { resendsIssueFields.withLock { $0 = true } }
                return (statusType, modified.updatedAt)
            } catch let error as GuanceAPIError where error.kind == .rejected {
                let disposition = classifier.classify(error, attempt: 1, sentStatusType: statusType)
                if case .retryWithLegacyStatusType(let legacy) = disposition {
                    logger.warning("Guance refused statusType \(statusType.rawValue); using \(legacy.rawValue) from now on")
                    mapper.withLock { $0.usesLegacyStatusTypes = true }
                    statusType = legacy
                    continue
                }
                guard !resending else { throw error }
                logger.warning("Guance refused the status modify; trying again with name, level and description")
                resending = true
            }
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
