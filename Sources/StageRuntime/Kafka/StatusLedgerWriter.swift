import Foundation
import Logging
import SyncCore

/// One writer's side of the status ledger: the records it keeps for its pairs (see
/// `docs/status-sync.md`). Both writers use it, so they keep their records the same way.
package struct StatusLedgerWriter: Sendable {
    /// The ledger.
    package let ledger: StatusLedger
    /// The writer's name (`jira-writer`, `guance-writer`): the second part of its records' keys.
    package let writer: String

    /// Creates the writer's view of `ledger`.
    package init(ledger: StatusLedger, writer: String) {
        self.ledger = ledger
        self.writer = writer
    }

    /// This writer's record of a pair, or one made from what the ledger knows (or the creation
    /// agreement) when it has none yet.
    package func record(_ entry: StatusLedgerEntry, link: LinkRecord) -> StatusAgreement {
        if let own = entry.record(of: writer) { return own }
        let creation = StatusLedgerEntry.creationAgreement(link: link, writer: writer)
        return StatusAgreement(
            guanceIssueUUID: link.guanceIssueUUID, jiraIssueId: link.jiraIssueId, writer: writer,
            guance: entry.agreed(.guance) ?? creation.guance, jira: entry.agreed(.jira) ?? creation.jira)
    }

    /// Records the agreement a write reached: both sides as they are now, `wrote` the side written.
    /// The writes this writer made before stay on the record, so their echoes stay recognisable.
    package func recordAgreement(guance: SideStatus, jira: SideStatus, wrote: EventOrigin, link: LinkRecord) async throws {
        let earlier = ledger.entry(for: link).record(of: writer)?.writesBeforeNext
        try await ledger.record(StatusAgreement(
            guanceIssueUUID: link.guanceIssueUUID, jiraIssueId: link.jiraIssueId, writer: writer, guance: guance,
            jira: jira, wrote: wrote, earlierWrites: earlier))
    }

    /// Records the other side's status this writer handled without writing (it tells the other
    /// writer what guance-poller / jira-poller delivered). Nothing is recorded without an agreement
    /// to extend, or when the same reading is recorded already.
    package func recordObservation(_ status: SideStatus, entry: StatusLedgerEntry, link: LinkRecord) async throws {
        guard entry.agreed(.guance) != nil, entry.agreed(.jira) != nil else { return }
        var record = record(entry, link: link)
        let previous = status.side == .guance ? record.guanceObserved : record.jiraObserved
        if let previous, previous.value == status.value, previous.version == status.version,
            previous.touchedAt == status.touchedAt
        {
            return
        }
        if status.side == .guance { record.guanceObserved = status } else { record.jiraObserved = status }
        record.recordedAt = Date()
        try await ledger.record(record)
    }

    /// Records a write about to be made (`status`: the side written, its value, the version read
    /// before the write and the decision it carries) and returns the record to restore when the
    /// write fails.
    package func announce(_ status: SideStatus, entry: StatusLedgerEntry, link: LinkRecord) async throws -> StatusAgreement {
        let previous = record(entry, link: link)
        var pending = previous
        pending.pendingWrite = status
        pending.recordedAt = Date()
        try await ledger.record(pending, readBack: false)
        return previous
    }

    /// Withdraws an announced write that did not (or not knowingly) happen.
    package func withdraw(restoring previous: StatusAgreement) async {
        try? await ledger.record(previous)
    }

    /// Settles a write this writer announced but never recorded (it stopped in between): the
    /// written side's current reading shows it → recorded as done; it does not → withdrawn.
    /// - Returns: the pair's entry afterwards.
    package func settlePendingWrite(_ entry: StatusLedgerEntry, current: SideStatus, link: LinkRecord) async throws
        -> (entry: StatusLedgerEntry, settledAsDone: Bool)
    {
        guard var record = entry.record(of: writer), let pending = record.pendingWrite else { return (entry, false) }
        record.pendingWrite = nil
        let earlier = record.writesBeforeNext
        let shows = (pending.value.isEmpty ? current.category == pending.category : current.value == pending.value)
            && !StatusArbiter.later(pending.version, than: current.version)
        if shows {
            if current.side == .guance {
                record.guance = current.decided(at: pending.decidedAt)
            } else {
                record.jira = current.decided(at: pending.decidedAt)
            }
            record.earlierWrites = earlier
            record.wrote = current.side
        }
        record.recordedAt = Date()
        try await ledger.record(record)
        return (ledger.entry(for: link), shows)
    }

    /// Records the sync's latest write to a Guance issue on this writer's field record (see
    /// ``SyncCore/GuanceWriteMark``). Best effort: a failure is logged, never a reason to redo the
    /// write (without the mark a change note only names the author less precisely).
    package func recordGuanceWrite(_ mark: GuanceWriteMark, link: LinkRecord, logger: Logger) async {
        var record = fieldRecord(ledger.fieldEntry(for: link), link: link)
        guard record.lastGuanceWrite != mark else { return }
        record.lastGuanceWrite = mark
        record.recordedAt = Date()
        do {
            try await ledger.record(record)
        } catch {
            logger.warning("write mark not recorded", metadata: ["guance.issue": "\(link.guanceIssueUUID)", "error": "\(error)"])
        }
    }
}
