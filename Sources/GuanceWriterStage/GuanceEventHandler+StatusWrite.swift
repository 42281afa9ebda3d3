import Foundation
import GuanceAPI
import GuanceWriter
import StageRuntime
import SyncCore

/// guance-writer's status writes and their ledger records: a pending write recorded before the
/// modify (so its echo is recognised even after a crash), the agreement after it, observations of
/// Jira statuses handled without a write.
extension GuanceEventHandler {
    /// Writes `wanted` to the Guance issue, carrying the Jira status `jira` (with its decision time).
    func writeStatus(
        _ wanted: GuanceStatusType, of issue: GuanceIssue, carrying jira: SideStatus, entry: StatusLedgerEntry,
        link: LinkRecord
    ) async throws {
        let previous = entry.record(of: GuanceWriterStage.name)
        var pending = previous ?? baseRecord(entry, link: link)
        pending.pendingWrite = SideStatus(
            side: .guance, category: jira.category, value: String(wanted.rawValue), version: issue.updatedAt,
            changedAt: nil, decidedAt: jira.decidedAt)
        try await ledger.record(pending)
        let written: (statusType: GuanceStatusType, updatedAt: Date?)
        do {
            written = try await modifyStatus(of: issue, to: wanted)
        } catch {
            // Nothing (or nothing known) was written: the pending write is withdrawn.
            try? await ledger.record(previous ?? baseRecord(entry, link: link))
            throw error
        }
        crashPoints.reached(Effect.statusChanged, logger: logger)
        let updatedAt = try await writtenVersion(written, of: issue.uuid)
        if let guance = SideStatus.guance(statusType: written.statusType.rawValue, updatedAt: updatedAt) {
            try await recordAgreement(jira: jira, guance: guance.decided(at: jira.decidedAt), wrote: .guance, link: link)
        }
    }

    /// Settles this writer's pending write left by a stop between the write and its record: the
    /// Guance issue shows it → it is recorded as done; it does not → it is withdrawn.
    func settlePendingWrite(_ entry: StatusLedgerEntry, issue uuid: String, link: LinkRecord) async throws -> StatusLedgerEntry {
        guard var record = entry.record(of: GuanceWriterStage.name), let pending = record.pendingWrite else { return entry }
        let issue = try await guance.issue(uuid)
        gate.accepted()
        record.pendingWrite = nil
        if String(issue.statusType.rawValue) == pending.value,
            let guance = SideStatus.guance(statusType: issue.statusType.rawValue, updatedAt: issue.updatedAt)
        {
            record.guance = guance.decided(at: pending.decidedAt)
            record.wrote = .guance
            logger.info("status write found done after a restart; recorded", metadata: ["guance.issue": "\(uuid)"])
        }
        record.recordedAt = Date()
        try await ledger.record(record)
        return ledger.entry(for: link)
    }

    /// Records a Jira status handled without a write, so jira-writer knows which Jira status the
    /// sync last saw (nothing to record without an agreement to extend, or when already recorded).
    func recordObservation(_ change: SideStatus, entry: StatusLedgerEntry, link: LinkRecord) async throws {
        guard entry.agreed(.guance) != nil, entry.agreed(.jira) != nil else { return }
        if let observed = entry.jiraObserved, observed.value == change.value, observed.touchedAt == change.touchedAt { return }
        var record = entry.record(of: GuanceWriterStage.name) ?? baseRecord(entry, link: link)
        record.jiraObserved = change
        record.recordedAt = Date()
        try await ledger.record(record)
    }

    /// Records what the sync just wrote (guance-writer's own ledger record).
    private func recordAgreement(jira: SideStatus, guance: SideStatus, wrote: EventOrigin?, link: LinkRecord) async throws {
        try await ledger.record(StatusAgreement(
            guanceIssueUUID: link.guanceIssueUUID, jiraIssueId: link.jiraIssueId, writer: GuanceWriterStage.name,
            guance: guance, jira: jira, wrote: wrote))
    }

    /// This writer's record when it has none yet: the agreement as the ledger knows it (or the
    /// creation agreement).
    private func baseRecord(_ entry: StatusLedgerEntry, link: LinkRecord) -> StatusAgreement {
        let creation = StatusLedgerEntry.creationAgreement(link: link, writer: GuanceWriterStage.name)
        return StatusAgreement(
            guanceIssueUUID: link.guanceIssueUUID, jiraIssueId: link.jiraIssueId, writer: GuanceWriterStage.name,
            guance: entry.agreed(.guance) ?? creation.guance, jira: entry.agreed(.jira) ?? creation.jira)
    }

    /// The Guance version of the sync's own write: the modify response's `updateAt`, else a fresh read.
    func writtenVersion(_ written: (statusType: GuanceStatusType, updatedAt: Date?), of uuid: String) async throws
        -> Date?
    {
        if let updatedAt = written.updatedAt { return updatedAt }
        let issue = try await guance.issue(uuid)
        gate.accepted()
        return issue.updatedAt
    }

    /// Sends the status change, adapting to older deployments (each lesson remembered for later):
    /// a tenant refusing 15/25 gets the legacy value; one whose modify requires `name`, `level` and
    /// `description` gets them re-sent as fetched.
    func modifyStatus(of issue: GuanceIssue, to wanted: GuanceStatusType) async throws -> (
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
}
