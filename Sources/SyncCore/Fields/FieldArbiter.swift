import Foundation

/// Decides what a writer does with a change of a synced field (assignee, priority) observed on one
/// side, from the change, the other side as just read (read-before-write) and the ledger
/// (``FieldLedgerEntry``). Both writers use it, so they reach the same verdict from the same facts.
///
/// The rules are the status arbiter's (`docs/status-sync.md`), for values instead of categories:
/// 1. A change whose version the ledger already covers is **stale** (redelivery, replay, or the echo of
///    the sync's own write, pending or recorded), recognised by version, without comparing clocks; so
///    is the very reading a write of the sync replaced (same value and version: Guance's whole-second
///    `updateAt` can give a write the version of the reading before it).
/// 2. A side **moved** when its value differs from the agreed one (in any order for several values).
///    Edits of other fields move nothing. Without an agreement both sides count as moved.
/// 3. The change did not move → nothing to carry. The target already shows it → agree. The target
///    did not move and stands for an earlier decision → write. Otherwise two people decided, and
///    `policies.conflict` keeps one: `mostRecent` the later decision (a tie goes to Jira), or a side.
///
/// Decision times: a side's change is dated by the version of the first reading that showed it (the
/// event's own, or what the ledger observed), else by the reading's version — an upper bound, since
/// neither service dates an assignee or level change by itself.
public struct FieldArbiter: Sendable {
    /// Who wins when both sides changed the field since the agreement.
    public var conflictRule: ConflictRule

    /// Creates an arbiter.
    public init(conflictRule: ConflictRule) {
        self.conflictRule = conflictRule
    }

    /// The verdict for `change` against `target`.
    /// - Parameter targetShowsChange: whether the target already shows what the change means (by the
    ///   user map or the priority map), or the change cannot be carried at all (nobody mapped).
    public func decide(
        _ field: SyncedField, change: FieldReading, target: FieldReading, targetShowsChange: Bool, entry: FieldLedgerEntry
    ) -> FieldVerdict {
        let subject = "\(field.rawValue) \(change.side.rawValue) \(Self.describe(change.values))"
        if Self.isStale(field, change, entry: entry) {
            return FieldVerdict(.stale, "\(subject): already accounted for")
        }
        guard Self.moved(field, change, entry: entry) else {
            return FieldVerdict(.unchanged, "\(subject): unchanged since the agreement")
        }
        let changeTime = change.changedAt ?? entry.firstSeen(field, change) ?? change.version
        if targetShowsChange {
            return FieldVerdict(
                .agree, "\(subject): \(target.side.rawValue) shows \(Self.describe(target.values)), nothing to write")
        }
        let agreedTarget = entry.agreed(field, target.side)
        let targetMoved = agreedTarget.map { !target.showsSameValue(as: $0) } ?? true
        let targetTime = targetMoved
            ? (target.changedAt ?? entry.firstSeen(field, target) ?? target.version) : agreedTarget?.decidedAt
        if !targetMoved, !Self.later(targetTime, than: changeTime) {
            return FieldVerdict(
                .write(decidedAt: changeTime),
                "\(subject): \(target.side.rawValue) still \(Self.describe(target.values)) as agreed → write")
        }
        let (winner, rule) = conflictRule.winner(
            guanceDecidedAt: change.side == .guance ? changeTime : targetTime,
            jiraDecidedAt: change.side == .jira ? changeTime : targetTime)
        let conflict = "\(subject): \(target.side.rawValue) \(Self.describe(target.values)) decided too"
        if winner == change.side {
            return FieldVerdict(.write(decidedAt: changeTime), "\(conflict); \(rule) → write")
        }
        return FieldVerdict(.keep, "\(conflict); \(rule) → \(target.side.rawValue) keeps its value")
    }

    /// Whether the ledger already accounts for `change` (rule 1): a writer drops it before reading the
    /// target, and jira-poller does not publish it.
    public static func isStale(_ field: SyncedField, _ change: FieldReading, entry: FieldLedgerEntry) -> Bool {
        if let pending = entry.pendingWrite(field, on: change.side), pending.showsSameValue(as: change),
            !later(pending.version, than: change.version)
        {
            return true
        }
        let replaced = entry.overwritten(field, change.side).contains { reading in
            reading.version != nil && reading.version == change.version && reading.showsSameValue(as: change)
        }
        if replaced { return true }
        let known = [entry.agreed(field, change.side), entry.observed(field, change.side)].compactMap { $0 }
        return known.contains { covers($0, change) }
    }

    /// Whether `change` differs from the agreed value of its side (rule 2; no agreement: moved).
    public static func moved(_ field: SyncedField, _ change: FieldReading, entry: FieldLedgerEntry) -> Bool {
        entry.agreed(field, change.side).map { !change.showsSameValue(as: $0) } ?? true
    }

    /// Whether `known` already accounts for `change`: a later version, or the same version and value.
    static func covers(_ known: FieldReading, _ change: FieldReading) -> Bool {
        guard let knownVersion = known.version, let version = change.version else { return false }
        if knownVersion > version { return true }
        return knownVersion == version && known.showsSameValue(as: change)
    }

    /// `lhs > rhs`, with an unknown `lhs` never later and an unknown `rhs` earlier than any time.
    public static func later(_ lhs: Date?, than rhs: Date?) -> Bool {
        StatusArbiter.later(lhs, than: rhs)
    }

    static func describe(_ values: [String]) -> String {
        values.isEmpty ? "(none)" : values.joined(separator: ", ")
    }
}
