import Foundation
import GuanceAPI
import GuanceWriter
import Logging
import StageRuntime
import SyncCore

/// Jira status → Guance `statusType`, decided by the status ledger (``SyncCore/StatusArbiter``).
extension GuanceEventHandler {
    func applyStatus(_ change: JiraStatusChange, _ linked: LinkedIssue, _ event: SyncEvent) async throws -> HandlingOutcome
    {
        let metadata: Logger.Metadata = [
            "jira.issue": "\(change.issue.key)", "guance.issue": "\(linked.guanceIssueUUID)", "event.id": "\(event.id)",
        ]
        guard let jiraStatus = change.sideStatus else {
            logger.info("status decision: unknown Jira status category \(change.categoryKey); Guance left as it is", metadata: metadata)
            return .applied(effect: Effect.noop)
        }
        try await ledger.catchUp()
        let link = linked.link
        var entry = ledger.entry(for: link)
        if entry.record(of: GuanceWriterStage.name)?.pendingWrite != nil {
            entry = try await settlePendingWrite(entry, issue: linked.guanceIssueUUID, link: link)
        }
        // The echo of the sync's own transition, a redelivery or a replay: no Guance call at all.
        if StatusArbiter.isStale(jiraStatus, entry: entry) {
            logger.debug("status decision: already accounted for", metadata: metadata)
            return .applied(effect: Effect.noop)
        }
        if let wait = observationWaits.pending(event.id, seen: entry.newestGuanceSeen?.version) {
            return .retry(after: wait, reason: "waiting for guance-poller to deliver the Guance issue's latest version")
        }
        // The read and the modify that may follow take their budget together (see applyField).
        return try await guance.withReservedRequests(2) {
            let issue = try await guance.issue(linked.guanceIssueUUID)
            gate.accepted()
            if issue.isDeleted {
                logger.info("status decision: Guance issue is deleted, nothing to change", metadata: metadata)
                return .applied(effect: Effect.noop)
            }
            let target = SideStatus.guance(statusType: issue.statusType.rawValue, updatedAt: issue.updatedAt)
            let verdict: StatusVerdict
            if let target {
                verdict = arbiter.decide(
                    change: jiraStatus, target: target, entry: entry, targetSettled: observationWaits.patienceEnded(event.id))
            } else {
                // An undocumented statusType has no category: a documented value replaces it.
                verdict = StatusVerdict(
                    .write(jiraStatus.category, decidedAt: jiraStatus.changedAt ?? jiraStatus.version),
                    "Guance statusType \(issue.statusType) is unknown")
            }
            logger.info("status decision: \(verdict.reason)", metadata: metadata)
            switch verdict.action {
            case .stale:
                observationWaits.forget(event.id)
                return .applied(effect: Effect.noop)
            case .unchanged, .keep, .agree:
                // An agreement records a write only: the event may be older than Jira's current status.
                observationWaits.forget(event.id)
                try await statusRecords.recordObservation(jiraStatus, entry: entry, link: link)
                return .applied(effect: Effect.noop)
            case .awaitObservation(let version):
                try await statusRecords.recordObservation(jiraStatus, entry: entry, link: link)
                return .retry(after: observationWaits.start(event.id, version: version), reason: verdict.reason)
            case .write(let category, let decidedAt):
                observationWaits.forget(event.id)
                guard let wanted = mapper.withLock({ $0.wantedStatusType(for: category) }) else { return .applied(effect: Effect.noop) }
                try await writeStatus(
                    wanted, of: issue, carrying: jiraStatus.decided(at: decidedAt), entry: entry, link: link)
                return .applied(effect: Effect.statusChanged)
            }
        }
    }
}
