import Foundation

/// Everything the status ledger knows about one linked pair: the two writers' agreement records
/// (``StatusAgreement``) folded into one view.
///
/// Each side's agreed status is the most recent one either writer recorded (by that side's own
/// version), so an agreement reached by guance-writer (writing Jira's change into Guance) and one
/// reached by jira-writer combine without comparing clocks between the two services.
public struct StatusLedgerEntry: Sendable, Hashable {
    /// The records of the pair (at most one per writer), those about another Jira twin dropped.
    public var records: [StatusAgreement]

    /// Folds `records` of a Guance issue, keeping those about the Jira issue `jiraIssueId`.
    public init(records: [StatusAgreement], jiraIssueId: String) {
        self.records = records.filter { $0.jiraIssueId == jiraIssueId }.sorted { $0.writer < $1.writer }
    }

    /// Folds the records of `link`'s pair.
    public init(records: [StatusAgreement], link: LinkRecord) {
        self.init(records: records, jiraIssueId: link.jiraIssueId)
    }

    /// The agreement a pair the sync just created starts from: a new Jira issue opens in a not-done
    /// status, which is what both sides agreed to when it was created, whatever Guance said then.
    /// Versions are unknown, so each side's category decides whether it moved. jira-writer records
    /// it before the link itself, so a linked pair the sync created always has an agreement; links
    /// older than the ledger have none, and their first disagreement goes to the conflict rule.
    public static func creationAgreement(link: LinkRecord, writer: String, jira: SideStatus? = nil) -> StatusAgreement {
        StatusAgreement(
            guanceIssueUUID: link.guanceIssueUUID, jiraIssueId: link.jiraIssueId, writer: writer,
            guance: SideStatus(side: .guance, category: .open, value: "10", version: nil, changedAt: nil),
            jira: jira ?? SideStatus(side: .jira, category: .open, value: "", version: nil, changedAt: nil),
            recordedAt: link.linkedAt)
    }

    /// An entry with no record (a pair the ledger knows nothing about).
    public static let empty = StatusLedgerEntry(records: [], jiraIssueId: "")

    /// Whether any writer recorded an agreement for the pair.
    public var isEmpty: Bool { records.isEmpty }

    /// The agreed status of `side`: the most recent one any writer recorded (a pending write on that
    /// side counts from the version it was based on).
    public func agreed(_ side: EventOrigin) -> SideStatus? {
        Self.newest(records.map { $0.status(of: side) })
    }

    /// The status a writer is about to write (or wrote without recording it yet) on `side`, unless
    /// a newer reading of that side was recorded since (the write is then history).
    public func pendingWrite(on side: EventOrigin) -> SideStatus? {
        guard let pending = records.compactMap(\.pendingWrite).first(where: { $0.side == side }) else { return nil }
        let known = records.map { $0.status(of: side) } + records.compactMap { side == .guance ? $0.guanceObserved : $0.jiraObserved }
        let superseded = known.contains { StatusAgreement.notOlder($0.version, than: pending.version) && $0.version != pending.version }
        return superseded ? nil : pending
    }

    /// The sync's own earlier write that `change` is the echo of: same side, value and version.
    public func earlierWrite(matching change: SideStatus) -> SideStatus? {
        guard change.version != nil else { return nil }
        return records.lazy.flatMap { $0.earlierWrites ?? [] }.first {
            $0.side == change.side && $0.value == change.value && $0.version == change.version
        }
    }

    /// The newest Guance status the sync has seen through guance-poller or its own reads: the
    /// agreed one, or a newer snapshot jira-writer handled without reaching an agreement.
    public var newestGuanceSeen: SideStatus? {
        Self.newest(records.map(\.guance) + records.compactMap(\.guanceObserved))
    }

    /// The Jira reading with the newest version guance-writer handled without reaching an agreement
    /// (a change it kept, found Guance already agreeing with, or is waiting on guance-poller for).
    public var newestJiraObserved: SideStatus? {
        Self.newest(records.compactMap(\.jiraObserved))
    }

    /// The newest snapshot status jira-writer handled, if newer than the agreement.
    public var guanceObservedSinceAgreement: SideStatus? {
        guard let observed = Self.newest(records.compactMap(\.guanceObserved)) else { return nil }
        guard let agreed = agreed(.guance) else { return observed }
        return StatusAgreement.notOlder(agreed.version, than: observed.version) ? nil : observed
    }

    /// The newest Jira status guance-writer handled (by the issue's last update).
    public var jiraObserved: SideStatus? {
        records.compactMap(\.jiraObserved).max { !StatusAgreement.notOlder($0.touchedAt, than: $1.touchedAt) }
    }

    /// The newest Jira status guance-writer handled, if made after the agreement (or the agreement's
    /// Jira version is unknown).
    public var jiraObservedSinceAgreement: SideStatus? {
        guard let observed = jiraObserved else { return nil }
        guard let version = agreed(.jira)?.version else { return observed }
        return StatusAgreement.notOlder(version, than: observed.touchedAt ?? observed.version) ? nil : observed
    }

    /// The record `writer` keeps, if any.
    public func record(of writer: String) -> StatusAgreement? {
        records.first { $0.writer == writer }
    }

    /// The most recent of `statuses` by version (unknown versions count as oldest; the later in the
    /// list wins a tie, so a record written later by the same writer stands).
    static func newest(_ statuses: [SideStatus]) -> SideStatus? {
        statuses.reduce(nil) { best, next in
            guard let best else { return next }
            if next.version == best.version, let nextSeen = next.seenAt, let bestSeen = best.seenAt {
                // One Guance version, two readings (one-second `updateAt`): the later observed.
                return nextSeen >= bestSeen ? next : best
            }
            return StatusAgreement.notOlder(next.version, than: best.version) ? next : best
        }
    }
}
