import Foundation
import SyncCore

/// One writer's field records (assignee, priority) on the status ledger: both writers keep them the
/// same way, each for the side it writes.
extension StatusLedgerWriter {
    /// This writer's field record of a pair, or an empty one when it has none yet.
    package func fieldRecord(_ entry: FieldLedgerEntry, link: LinkRecord) -> FieldLedgerRecord {
        entry.record(of: writer)
            ?? FieldLedgerRecord(guanceIssueUUID: link.guanceIssueUUID, jiraIssueId: link.jiraIssueId, writer: writer)
    }

    /// Settles this writer's pending write of `field` left by a stop between the write and its
    /// record: the written side's `current` reading shows it → recorded as done; it does not → withdrawn.
    /// - Returns: the pair's entry afterwards, and whether the write was found done.
    package func settleFieldWrite(_ field: SyncedField, current: FieldReading, entry: FieldLedgerEntry, link: LinkRecord)
        async throws -> (entry: FieldLedgerEntry, settledAsDone: Bool)
    {
        guard var record = entry.record(of: writer), let pending = record[field].pendingWrite else { return (entry, false) }
        record[field].pendingWrite = nil
        let done = current.showsSameValue(as: pending) && FieldArbiter.later(current.version, than: pending.version)
        if done {
            let settled = current.decided(at: pending.decidedAt)
            switch pending.side {
            case .guance: record[field].guance = settled
            case .jira: record[field].jira = settled
            }
            record[field].wrote = pending.side
        }
        record.recordedAt = Date()
        try await ledger.record(record)
        return (ledger.fieldEntry(for: link), done)
    }

    /// Records that both sides of `field` are in step (nothing written).
    package func recordFieldAgreement(
        _ field: SyncedField, guance: FieldReading, jira: FieldReading, entry: FieldLedgerEntry, link: LinkRecord
    ) async throws {
        var record = fieldRecord(entry, link: link)
        record[field].guance = guance
        record[field].jira = jira
        record[field].wrote = nil
        record.recordedAt = Date()
        try await ledger.record(record)
    }

    /// Records the other side's value of `field` handled without a write (its first sighting), so the
    /// other writer knows when it appeared. Nothing is recorded when that value is recorded already.
    package func recordFieldObservation(_ field: SyncedField, _ change: FieldReading, entry: FieldLedgerEntry, link: LinkRecord)
        async throws
    {
        if let seen = entry.observed(field, change.side), seen.showsSameValue(as: change) { return }
        var record = fieldRecord(entry, link: link)
        var observed = change
        observed.changedAt = change.changedAt ?? change.version
        record[field].observed = observed
        record.recordedAt = Date()
        try await ledger.record(record)
    }
}
