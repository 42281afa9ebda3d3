import Foundation

/// Decides what a writer does with a status change observed on the other side, from the change,
/// the target side as just read (read-before-write), and the status ledger (``StatusLedgerEntry``).
/// Both writers use it, so they reach the same verdict from the same facts.
///
/// The agreement is what the sync last wrote: after carrying a change, a writer records both sides'
/// statuses and versions, and the **decision time** both now stand for (the carried change's). The rules:
/// 1. A change whose version the ledger already covers is **stale**: redeliveries, replays and the
///    echoes of the sync's own writes stop here, without comparing clocks — also the echo of an
///    earlier write overtaken by a later one within the same second (``StatusAgreement/earlierWrites``).
/// 2. A side **moved** when its status differs from the agreed one (category, or value within it:
///    Guance Resolved → Closed, Jira Done → Closed) or from the category last handled there since the
///    agreement (an observation), or its status changed after the agreed version and came back (Jira's `statuscategorychangedate`; for Guance, a snapshot guance-poller
///    delivered in between). Other edits (title, description, replies) move nothing. A side that
///    moved stands for its own change time; one that did not stands for the agreed decision time.
/// 3. The change did not move → nothing to carry. Both sides show the same category → agree
///    (nothing to write). The change moved and is later than what the target stands for → write it.
///    Otherwise the two decisions conflict and `policies.conflict` decides: `mostRecent` keeps the
///    later decision (a tie goes to Jira, so both writers pick the same side); `guance`/`jira` the side.
///    The loser's writer carries nothing; the winner's writer carries the winner.
/// 4. When the target is Guance and its version is newer than anything guance-poller delivered,
///    the verdict waits for that delivery (`awaitObservation`) until the writer's patience ends
///    (`targetSettled`): the delivery tells whether and when Guance's status changed. A Guance status that went
///    away and came back between two polls is invisible through the documented API (`statusType` is
///    current state only; `updateAt` moves for any edit); the sync treats it as unchanged.
///
/// Decision times come from two clocks (Guance `updateAt` in whole seconds, Jira in milliseconds):
/// two decisions within the same second of each other are ordered arbitrarily (Jira first).
public struct StatusArbiter: Sendable {
    /// Who wins when both sides changed status since the agreement.
    public var conflictRule: ConflictRule

    /// Creates an arbiter.
    public init(conflictRule: ConflictRule) {
        self.conflictRule = conflictRule
    }

    /// The verdict for `change` (observed on one side) against `target` (the other side, read now).
    /// - Parameter targetSettled: the writer has waited long enough for guance-poller; decide without it.
    public func decide(
        change: SideStatus, target: SideStatus, entry: StatusLedgerEntry, targetSettled: Bool = false
    ) -> StatusVerdict {
        let subject = "\(change.side.rawValue) \(change.category.rawValue) (\(change.value))"
        if let known = Self.coveringStatus(of: change, in: entry) {
            return StatusVerdict(.stale, "\(subject): already accounted for (\(Self.describe(known)))")
        }
        let agreedChange = Self.baseline(of: change, in: entry)
        let agreedTarget = entry.agreed(target.side)
        let changeMoved = agreedChange.map { Self.moved(change, since: $0) || Self.movedSinceObservation(change, entry: entry) } ?? true
        let targetMoved = agreedTarget.map { agreed in
            Self.moved(target, since: agreed)
                || (target.side == .guance && entry.guanceObservedSinceAgreement.map { Self.moved($0, since: agreed) } == true)
        } ?? true
        // Without an agreement there is nothing a Guance status could have come back to: no reason to wait.
        let targetUnseen = target.side == .guance && agreedTarget != nil && Self.notDelivered(target, entry: entry)
        if changeMoved, change.category != target.category, !targetSettled, targetUnseen, let version = target.version {
            return StatusVerdict(
                .awaitObservation(version),
                "\(subject): Guance changed at \(Self.describe(version)) and guance-poller has not delivered that status yet")
        }
        guard changeMoved else {
            return StatusVerdict(.unchanged, "\(subject): status unchanged since the agreement")
        }
        if change.category == target.category {
            return StatusVerdict(.agree, "\(subject): \(target.side.rawValue) already \(target.category.rawValue)")
        }
        let changeTime = Self.decisionTime(change, moved: true, agreed: agreedChange, entry: entry)
        let targetTime = Self.decisionTime(target, moved: targetMoved, agreed: agreedTarget, entry: entry)
        if !targetMoved, !Self.later(targetTime, than: changeTime) {
            return StatusVerdict(
                .write(change.category, decidedAt: changeTime),
                "\(subject): \(target.side.rawValue) still \(target.category.rawValue) as agreed → \(change.category.rawValue)")
        }
        let (winner, rule) = conflictRule.winner(
            guanceDecidedAt: change.side == .guance ? changeTime : targetTime,
            jiraDecidedAt: change.side == .jira ? changeTime : targetTime)
        let conflict = "\(subject): \(target.side.rawValue) \(target.category.rawValue) decided too"
        if winner == change.side {
            return StatusVerdict(.write(change.category, decidedAt: changeTime), "\(conflict); \(rule) → \(change.category.rawValue)")
        }
        return StatusVerdict(.keep, "\(conflict); \(rule) → \(target.side.rawValue) keeps \(target.category.rawValue)")
    }

    /// What a change on its side is compared with: a write being made there (a later reading that
    /// differs from it was made by someone else, during or after the write), else the agreement. A
    /// reading no later than the version the write was based on is compared with the agreement.
    static func baseline(of change: SideStatus, in entry: StatusLedgerEntry) -> SideStatus? {
        let pending = entry.pendingWrite(on: change.side).flatMap { later(change.version, than: $0.version) ? $0 : nil }
        return pending ?? entry.agreed(change.side)
    }

    /// Whether `change` is already accounted for by the ledger (rule 1): a writer can drop it
    /// before reading the target side, and jira-poller need not publish it at all.
    public static func isStale(_ change: SideStatus, entry: StatusLedgerEntry) -> Bool {
        coveringStatus(of: change, in: entry) != nil
    }

    /// The ledger status that covers `change`, if any: a newer (or the same) status recorded, or a
    /// pending write of the same status based on an older version (its echo).
    private static func coveringStatus(of change: SideStatus, in entry: StatusLedgerEntry) -> SideStatus? {
        if let pending = entry.pendingWrite(on: change.side),
            pending.value == change.value || (pending.value.isEmpty && pending.category == change.category),
            !later(pending.version, than: change.version)
        {
            return pending
        }
        if let written = entry.earlierWrite(matching: change) { return written }
        let newestKnown = change.side == .guance ? entry.newestGuanceSeen : entry.agreed(.jira)
        if let known = newestKnown, covers(known, change) { return known }
        // A Jira reading older than one guance-writer already handled is history (a replay, a
        // redelivery): what it says was superseded, and the newer reading was decided on. Only
        // strictly newer: a change waiting for guance-poller was observed itself.
        if change.side == .jira, let observed = entry.newestJiraObserved, later(observed.version, than: change.version) {
            return observed
        }
        return nil
    }

    /// Whether a live Guance reading is newer than anything guance-poller delivered (or the sync
    /// wrote): whether its status went away and came back since is not known yet.
    static func notDelivered(_ target: SideStatus, entry: StatusLedgerEntry) -> Bool {
        guard let version = target.version else { return false }
        return later(version, than: entry.newestGuanceSeen?.version)
    }

    /// Whether `status` moved since `agreed` (rule 2). An agreement at an unknown version compares
    /// the statuses only.
    static func moved(_ status: SideStatus, since agreed: SideStatus) -> Bool {
        status.category != agreed.category || (!agreed.value.isEmpty && status.value != agreed.value)
            || changed(status.changedAt, after: agreed)
    }

    /// Whether `change` left the category the sync last handled on its side without writing (an
    /// observation newer than the agreement): both sides reached one category on their own, then this
    /// side moved back. Compared with the agreement alone — older, or without a version (the creation
    /// agreement) — that move would look like no move at all.
    static func movedSinceObservation(_ change: SideStatus, entry: StatusLedgerEntry) -> Bool {
        let observed = change.side == .jira ? entry.jiraObservedSinceAgreement : entry.guanceObservedSinceAgreement
        guard let observed, observed.category != change.category else { return false }
        // Only a reading made after the observation moved away from it (an older one redelivered did not).
        return later(change.touchedAt ?? change.version, than: observed.touchedAt ?? observed.version)
    }

    /// Whether a status change at `time` happened after the agreed version (never, when either is unknown).
    static func changed(_ time: Date?, after agreed: SideStatus) -> Bool {
        guard let time, let version = agreed.version else { return false }
        return time > version
    }

    /// The decision a side stands for: the agreed one when it did not move; else its own change time —
    /// exact when the reading has one (for a live Guance read, the time guance-poller delivered with
    /// the same status) and that time is after the agreed version, else the last time the issue
    /// changed at all (an upper bound). A change time before the agreed version cannot be this move's:
    /// it is the time of a move within the category (Jira Done → Closed keeps
    /// `statuscategorychangedate`), or guance-poller never saw the status the sync wrote in between.
    static func decisionTime(_ status: SideStatus, moved: Bool, agreed: SideStatus?, entry: StatusLedgerEntry) -> Date? {
        guard moved else { return agreed?.decidedAt }
        if status.side == .jira, let observed = entry.jiraObserved, observed.value != status.value,
            observed.category == status.category, later(status.touchedAt, than: observed.touchedAt)
        {
            // Moved within its category after the last reading the sync handled: only `updated` tells when.
            return status.touchedAt
        }
        var exact = status.changedAt
        if exact == nil, status.side == .guance, let observed = entry.newestGuanceSeen, observed.value == status.value {
            exact = observed.changedAt
        }
        if let exact, agreed.map({ changed(exact, after: $0) || $0.version == nil }) ?? true {
            return exact
        }
        return status.touchedAt ?? status.version
    }

    /// Whether `known` already accounts for `change`: a later version, or the same version with the
    /// same status (a same-second Guance change to another status is newer).
    static func covers(_ known: SideStatus, _ change: SideStatus) -> Bool {
        guard let knownVersion = known.version, let version = change.version else { return false }
        if knownVersion > version { return true }
        guard knownVersion == version else { return false }
        if known.category == change.category && known.value == change.value { return true }
        // One version, two statuses (Guance stamps `updateAt` in seconds: reopened and resolved within
        // one): the one guance-poller observed first is the older. Its status-change time cannot tell
        // (for both it is that same second).
        guard let knownSeen = known.seenAt, let seen = change.seenAt else { return false }
        return knownSeen > seen
    }

    /// `lhs > rhs`, with an unknown `lhs` never later and an unknown `rhs` earlier than any time.
    public static func later(_ lhs: Date?, than rhs: Date?) -> Bool {
        guard let lhs else { return false }
        guard let rhs else { return true }
        return lhs > rhs
    }

    private static func describe(_ status: SideStatus) -> String {
        "\(status.side.rawValue) \(status.category.rawValue) at \(describe(status.version))"
    }

    private static func describe(_ date: Date?) -> String {
        date.map { $0.formatted(.iso8601) } ?? "unknown time"
    }
}
