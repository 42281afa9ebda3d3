import Foundation

/// One writer's record of a linked pair's synced fields (assignee, priority) on the status ledger
/// `sync.status.v1`, next to its status record: key `<guance issue uuid>/<writer>/fields`, so no record
/// has two writers and the status records stay as they are.
public struct FieldLedgerRecord: Sendable, Hashable, Codable {
    /// The Guance issue (the record key's first part).
    public var guanceIssueUUID: String
    /// The Jira twin this record is about.
    public var jiraIssueId: String
    /// The writer keeping this record (`jira-writer` or `guance-writer`).
    public var writer: String
    /// Per field (``SyncedField`` raw value), what the writer last established.
    public var fields: [String: FieldAgreement]
    /// When the record was written (local clock; for operators only, never for decisions).
    public var recordedAt: Date
    /// This writer's latest write to the Guance issue (any field, the status or the back-link), so a
    /// change the write hid can be credited to its author (see ``FieldLedgerEntry/guanceAuthor(of:version:)``).
    public var lastGuanceWrite: GuanceWriteMark?

    /// The suffix that tells field records from status records on the ledger.
    public static let keySuffix = "/fields"

    /// Creates a record.
    public init(
        guanceIssueUUID: String, jiraIssueId: String, writer: String, fields: [String: FieldAgreement] = [:],
        recordedAt: Date = Date(), lastGuanceWrite: GuanceWriteMark? = nil
    ) {
        self.guanceIssueUUID = guanceIssueUUID
        self.jiraIssueId = jiraIssueId
        self.writer = writer
        self.fields = fields
        self.recordedAt = recordedAt
        self.lastGuanceWrite = lastGuanceWrite
    }

    /// The record key on `sync.status.v1`.
    public var key: String { Self.key(guanceIssueUUID: guanceIssueUUID, writer: writer) }

    /// The record key of `writer`'s field record on a Guance issue.
    public static func key(guanceIssueUUID: String, writer: String) -> String {
        "\(guanceIssueUUID)/\(writer)\(keySuffix)"
    }

    /// What the writer established about `field` (empty when nothing yet).
    public subscript(field: SyncedField) -> FieldAgreement {
        get { fields[field.rawValue] ?? FieldAgreement() }
        set { fields[field.rawValue] = newValue }
    }
}
