import Foundation
import Kafka
import Logging
import SyncCore
import Synchronization

/// The status ledger (`sync.status.v1`, compacted): per linked pair, each writer's
/// ``SyncCore/StatusAgreement`` (key `<uuid>/<writer>`) and its ``SyncCore/FieldLedgerRecord`` for the
/// assignee and priority (key `<uuid>/<writer>/fields`). Both writers and jira-poller follow the whole
/// topic; a record written by one process is seen by the others after ``catchUp(timeout:)``.
package final class StatusLedger: Sendable {
    private let tail: CompactedTopicTail<Record>
    private let producer: KafkaProducer?
    private let index: Index

    /// A record of the ledger: a status agreement or a field record, told apart by the key.
    enum Record: Sendable {
        case status(StatusAgreement)
        case fields(FieldLedgerRecord)
    }

    /// Starts following the ledger topic.
    /// - Parameter producer: the producer records are written with; `nil` for a reader (jira-poller).
    package init(kafka: StageKafka, producer: KafkaProducer?, logger: Logger) async throws {
        self.producer = producer
        let index = Index()
        self.index = index
        tail = try await CompactedTopicTail(
            topic: SyncTopic.status.name, kafka: kafka, logger: logger,
            decode: { key, bytes in
                let decoder = SyncEventCodec.makeDecoder()
                if key.hasSuffix(FieldLedgerRecord.keySuffix) {
                    return .fields(try decoder.decode(FieldLedgerRecord.self, from: Data(bytes)))
                }
                return .status(try decoder.decode(StatusAgreement.self, from: Data(bytes)))
            },
            onApply: { key, record in index.apply(key: key, record: record) }
        )
    }

    /// Waits until every record written before this call (by any process) is visible.
    package func catchUp(timeout: Duration = .seconds(30)) async throws {
        try await tail.catchUp(timeout: timeout)
    }

    /// The ledger entry of a linked pair, as read so far (see ``SyncCore/StatusLedgerEntry``).
    package func entry(for link: LinkRecord) -> StatusLedgerEntry {
        StatusLedgerEntry(records: index.records(guanceIssueUUID: link.guanceIssueUUID), link: link)
    }

    /// The field entry of a linked pair, as read so far (see ``SyncCore/FieldLedgerEntry``).
    package func fieldEntry(for link: LinkRecord) -> FieldLedgerEntry {
        FieldLedgerEntry(records: index.fieldRecords(guanceIssueUUID: link.guanceIssueUUID), link: link)
    }

    /// Writes `record` and waits until Kafka acknowledged it and — unless `readBack` is off (a
    /// pending write announced right before the write itself: only durability matters there) —
    /// until this process has read it back.
    package func record(_ record: StatusAgreement, readBack: Bool = true) async throws {
        try await write(key: record.key, value: try SyncEventCodec.makeEncoder().encode(record), readBack: readBack)
    }

    /// Writes a field record and waits until Kafka acknowledged it and this process has read it back.
    package func record(_ record: FieldLedgerRecord) async throws {
        try await write(key: record.key, value: try SyncEventCodec.makeEncoder().encode(record), readBack: true)
    }

    private func write(key: String, value: Data, readBack: Bool) async throws {
        guard let producer else { preconditionFailure("a read-only StatusLedger cannot write") }
        _ = try await producer.send(KafkaProducerMessage(
            topic: SyncTopic.status.name, key: Array(key.utf8), value: Array(value)))
        if readBack { try await catchUp() }
    }

    /// Stops following.
    package func close() async {
        await tail.close()
    }

    /// Records by Guance issue, updated by the tail's apply callback.
    private final class Index: Sendable {
        private struct Tables {
            var status: [String: [String: StatusAgreement]] = [:]
            var fields: [String: [String: FieldLedgerRecord]] = [:]
        }

        private let tables = Mutex(Tables())

        func apply(key: String, record: Record?) {
            let isFields = key.hasSuffix(FieldLedgerRecord.keySuffix)
            let base = isFields ? String(key.dropLast(FieldLedgerRecord.keySuffix.count)) : key
            guard let separator = base.lastIndex(of: "/") else { return }
            let issue = String(base[..<separator])
            let writer = String(base[base.index(after: separator)...])
            tables.withLock { tables in
                switch record {
                case .status(let agreement)?:
                    tables.status[issue, default: [:]][writer] = agreement
                case .fields(let fields)?:
                    tables.fields[issue, default: [:]][writer] = fields
                case nil where isFields:
                    tables.fields[issue]?[writer] = nil
                    if tables.fields[issue]?.isEmpty ?? false { tables.fields[issue] = nil }
                case nil:
                    tables.status[issue]?[writer] = nil
                    if tables.status[issue]?.isEmpty ?? false { tables.status[issue] = nil }
                }
            }
        }

        func records(guanceIssueUUID: String) -> [StatusAgreement] {
            tables.withLock { Array(($0.status[guanceIssueUUID] ?? [:]).values) }
        }

        func fieldRecords(guanceIssueUUID: String) -> [FieldLedgerRecord] {
            tables.withLock { Array(($0.fields[guanceIssueUUID] ?? [:]).values) }
        }
    }
}
