import Foundation
import GuanceAPI
import GuanceWriter
import StageClients
import StageRuntime
import SyncCore

/// guance-writer's status writes: a pending write announced in the ledger before the modify (so its
/// echo is recognised even after a crash), the agreement recorded after it.
extension GuanceEventHandler {
    /// Writes `wanted` to the Guance issue, carrying the Jira status `jira` (with its decision time).
    func writeStatus(
        _ wanted: GuanceStatusType, of issue: GuanceIssue, carrying jira: SideStatus, entry: StatusLedgerEntry,
        link: LinkRecord
    ) async throws {
        let pending = SideStatus(
            side: .guance, category: jira.category, value: String(wanted.rawValue), version: issue.updatedAt,
            changedAt: nil, decidedAt: jira.decidedAt)
        let previous = try await statusRecords.announce(pending, entry: entry, link: link)
        let written: (statusType: GuanceStatusType, issue: GuanceIssue)
        do {
            written = try await modifyStatus(of: issue, to: wanted)
        } catch {
            // Nothing was written: the pending write is withdrawn. A modify that may have landed keeps
            // it, so its echo is still recognised; the retry settles it against what Guance shows.
            if (error as? GuanceAPIError)?.isOutcomeUnknown != true { await statusRecords.withdraw(restoring: previous) }
            throw error
        }
        crashPoints.reached(Effect.statusChanged, logger: logger)
        let modified = try await writtenIssue(written.issue, of: issue.uuid)
        if let guance = SideStatus.guance(statusType: written.statusType.rawValue, updatedAt: modified.updatedAt) {
            try await statusRecords.recordAgreement(
                guance: guance.decided(at: jira.decidedAt), jira: jira, wrote: .guance, link: link)
        }
        await statusRecords.recordGuanceWrite(GuanceWriteMark(writing: modified, over: issue), link: link, logger: logger)
    }

    /// Settles this writer's pending write left by a stop between the write and its record (reads
    /// the Guance issue once).
    func settlePendingWrite(_ entry: StatusLedgerEntry, issue uuid: String, link: LinkRecord) async throws -> StatusLedgerEntry {
        let issue = try await guance.issue(uuid)
        gate.accepted()
        guard let current = SideStatus.guance(statusType: issue.statusType.rawValue, updatedAt: issue.updatedAt) else {
            return entry
        }
        let (settled, done) = try await statusRecords.settlePendingWrite(entry, current: current, link: link)
        if done { logger.info("status write found done after a restart; recorded", metadata: ["guance.issue": "\(uuid)"]) }
        return settled
    }

    /// The issue as the sync's own write left it: the modify response, else (no `updateAt` in it) a fresh read.
    func writtenIssue(_ modified: GuanceIssue, of uuid: String) async throws -> GuanceIssue {
        if modified.updatedAt != nil { return modified }
        let issue = try await guance.issue(uuid)
        gate.accepted()
        return issue
    }

    /// Sends the status change, adapting to older deployments (each lesson remembered for later):
    /// a tenant refusing 15/25 gets the legacy value; one whose modify requires `name`, `level` and
    /// `description` gets them re-sent as fetched.
    func modifyStatus(of issue: GuanceIssue, to wanted: GuanceStatusType) async throws -> (
        statusType: GuanceStatusType, issue: GuanceIssue
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
                return (statusType, modified)
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
}
