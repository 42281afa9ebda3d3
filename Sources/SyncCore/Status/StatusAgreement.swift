import Foundation

/// What one writer last established about a linked pair's status: both sides' statuses at the
/// moment the sync last brought them into agreement (or found them agreeing), and — for
/// jira-writer — the newest Guance status it has handled since.
///
/// Each writer keeps its own record (`sync.status.v1`, compacted, key
/// `<guance issue uuid>/<writer>`), so no record ever has two writers and no update is lost; both
/// writers and jira-poller read both records of an issue (``StatusLedgerEntry``). This is how each
/// writer knows what the other side last wrote: guance-writer's write of a Jira resolve into
/// Guance is an agreement jira-writer sees before it handles the next Guance change, and the echo
/// of the sync's own write is recognised by its version instead of by comparing clocks.
///
/// Usually both sides show the same category. They differ when a policy decided to leave them apart
/// (`policies.reopen: comment` leaves Jira done while Guance reopened): that is the agreed state
/// too, and only a later change on either side moves it.
public struct StatusAgreement: Sendable, Hashable, Codable {
    /// The Guance issue (the record key's first part).
    public var guanceIssueUUID: String
    /// The Jira twin this agreement is about (a relinked issue starts without one).
    public var jiraIssueId: String
    /// The writer keeping this record (`jira-writer` or `guance-writer`).
    public var writer: String
    /// Guance's status at the agreement.
    public var guance: SideStatus
    /// Jira's status at the agreement.
    public var jira: SideStatus
    /// The side the sync wrote to reach the agreement.
    public var wrote: EventOrigin?
    /// A write about to be made: recorded before it, cleared (with the agreement it reached) after
    /// it. Its status is the one being written, its version the one read before the write. Until
    /// cleared, a reading of that side with that status and a later version is the write's echo —
    /// also after a crash between the write and its record.
    public var pendingWrite: SideStatus?
    /// The sync's earlier writes on the side it wrote, newest last (at most
    /// ``earlierWritesKept``; `nil` when none): their echoes are stale even when a later write
    /// landed in the same second (Guance's `updateAt` has whole seconds, so two writes of one second
    /// share a version and only the value tells them apart).
    public var earlierWrites: [SideStatus]?
    /// jira-writer only: the newest Guance status it has handled (at or after the agreement); it
    /// tells guance-writer whether a Guance version it reads has been seen by guance-poller yet.
    public var guanceObserved: SideStatus?
    /// guance-writer only: the newest Jira status it has handled (at or after the agreement); it
    /// tells jira-writer whether a Jira status it reads moved within its category since (Resolved →
    /// Closed leaves `statuscategorychangedate` as it was).
    public var jiraObserved: SideStatus?
    /// When the record was written (local clock; for operators only, never for decisions).
    public var recordedAt: Date

    /// Creates a record.
    public init(
        guanceIssueUUID: String, jiraIssueId: String, writer: String, guance: SideStatus, jira: SideStatus,
        wrote: EventOrigin? = nil, pendingWrite: SideStatus? = nil, earlierWrites: [SideStatus]? = nil, guanceObserved: SideStatus? = nil,
        jiraObserved: SideStatus? = nil, recordedAt: Date = Date()
    ) {
        self.guanceIssueUUID = guanceIssueUUID
        self.jiraIssueId = jiraIssueId
        self.writer = writer
        self.guance = guance
        self.jira = jira
        self.wrote = wrote
        self.pendingWrite = pendingWrite
        self.earlierWrites = earlierWrites
        self.guanceObserved = guanceObserved
        self.jiraObserved = jiraObserved
        self.recordedAt = recordedAt
    }

    /// How many earlier writes a record keeps.
    public static let earlierWritesKept = 4

    /// The earlier writes a record made after this one keeps: this record's, plus its own write.
    public var writesBeforeNext: [SideStatus]? {
        var writes = earlierWrites ?? []
        if let wrote { writes.append(status(of: wrote)) }
        return writes.isEmpty ? nil : Array(writes.suffix(Self.earlierWritesKept))
    }

    /// The record key on `sync.status.v1`.
    public var key: String { Self.key(guanceIssueUUID: guanceIssueUUID, writer: writer) }

    /// The record key of `writer`'s agreement on a Guance issue.
    public static func key(guanceIssueUUID: String, writer: String) -> String { "\(guanceIssueUUID)/\(writer)" }

    /// The status of `side` at the agreement.
    public func status(of side: EventOrigin) -> SideStatus {
        side == .guance ? guance : jira
    }

    /// Whether this agreement is at least as recent as `other` on both sides (each side's own
    /// clock); unknown versions count as oldest.
    public func isAtLeastAsRecent(as other: StatusAgreement) -> Bool {
        Self.notOlder(guance.version, than: other.guance.version) && Self.notOlder(jira.version, than: other.jira.version)
    }

    static func notOlder(_ lhs: Date?, than rhs: Date?) -> Bool {
        switch (lhs, rhs) {
        case (_, nil): true
        case (nil, _?): false
        case (let lhs?, let rhs?): lhs >= rhs
        }
    }
}
