import Foundation

/// Everything the ledger knows about one linked pair's synced fields: both writers' field records
/// (``FieldLedgerRecord``) folded into one view, like ``StatusLedgerEntry`` for the status. Each
/// side's agreed value is the most recent one either writer recorded, by that side's own version.
public struct FieldLedgerEntry: Sendable, Hashable {
    /// The records of the pair (at most one per writer), those about another Jira twin dropped.
    public var records: [FieldLedgerRecord]

    /// Folds `records` of a Guance issue, keeping those about the Jira issue `jiraIssueId`.
    public init(records: [FieldLedgerRecord], jiraIssueId: String) {
        self.records = records.filter { $0.jiraIssueId == jiraIssueId }.sorted { $0.writer < $1.writer }
    }

    /// Folds the records of `link`'s pair.
    public init(records: [FieldLedgerRecord], link: LinkRecord) {
        self.init(records: records, jiraIssueId: link.jiraIssueId)
    }

    /// The field agreement a pair the sync creates starts from: the priority as created (the level
    /// and the priority it maps to), nobody assigned on either side (so the Guance assignees are
    /// carried by the first snapshot). Versions are unknown, so only values decide whether a side moved.
    public static func creationRecord(
        link: LinkRecord, writer: String, level: String?, priority: String?
    ) -> FieldLedgerRecord {
        var record = FieldLedgerRecord(
            guanceIssueUUID: link.guanceIssueUUID, jiraIssueId: link.jiraIssueId, writer: writer, recordedAt: link.linkedAt)
        record[.assignee] = FieldAgreement(
            guance: FieldReading(side: .guance, values: [], version: nil),
            jira: FieldReading(side: .jira, values: [], version: nil))
        record[.priority] = FieldAgreement(
            guance: FieldReading(side: .guance, values: level.map { [$0] } ?? [], version: nil),
            jira: FieldReading(side: .jira, values: priority.map { [$0] } ?? [], version: nil))
        return record
    }

    /// An entry with no record.
    public static let empty = FieldLedgerEntry(records: [], jiraIssueId: "")

    /// The agreed value of `field` on `side`: the most recent one any writer recorded.
    public func agreed(_ field: SyncedField, _ side: EventOrigin) -> FieldReading? {
        Self.newest(records.compactMap { $0[field].reading(of: side) })
    }

    /// The newest reading of `side` some writer handled without writing (an observation).
    public func observed(_ field: SyncedField, _ side: EventOrigin) -> FieldReading? {
        Self.newest(records.compactMap { $0[field].observed }.filter { $0.side == side })
    }

    /// A write of `field` on `side` a writer is about to make (or made without recording it yet),
    /// unless a newer reading of that side was recorded since (the write is then history).
    public func pendingWrite(_ field: SyncedField, on side: EventOrigin) -> FieldReading? {
        guard let pending = records.compactMap({ $0[field].pendingWrite }).first(where: { $0.side == side }) else {
            return nil
        }
        let known = records.compactMap { $0[field].reading(of: side) } + records.compactMap { $0[field].observed }
            .filter { $0.side == side }
        return known.contains { FieldArbiter.later($0.version, than: pending.version) } ? nil : pending
    }

    /// The readings of `side` the writers' writes of `field` replaced.
    public func overwritten(_ field: SyncedField, _ side: EventOrigin) -> [FieldReading] {
        records.compactMap { $0[field].overwrote }.filter { $0.side == side }
    }

    /// When the value `reading` shows was first seen on its side, if the ledger knows: an agreed or
    /// observed reading of that side with the same value.
    public func firstSeen(_ field: SyncedField, _ reading: FieldReading) -> Date? {
        let known = [agreed(field, reading.side), observed(field, reading.side)].compactMap { $0 }
            .filter { $0.showsSameValue(as: reading) }
        return known.compactMap { $0.changedAt ?? $0.version }.min()
    }

    /// The record `writer` keeps, if any.
    public func record(of writer: String) -> FieldLedgerRecord? {
        records.first { $0.writer == writer }
    }

    /// The most recent of `readings` by version (unknown versions count as oldest; the later in the
    /// list wins a tie).
    static func newest(_ readings: [FieldReading]) -> FieldReading? {
        readings.reduce(nil) { best, next in
            guard let best else { return next }
            return StatusAgreement.notOlder(next.version, than: best.version) ? next : best
        }
    }
}
