import Foundation
import Kafka
import Logging
import SyncCore
import Synchronization

/// The status ledger (`sync.status.v1`, compacted): per linked pair, each writer's
/// ``SyncCore/StatusAgreement``. Both writers and jira-poller follow the whole topic; a record
/// written by one process is seen by the others after ``catchUp(timeout:)``.
public final class StatusLedger: Sendable {
    private let tail: CompactedTopicTail<StatusAgreement>
    private let producer: KafkaProducer?
    private let index: Index

    /// Starts following the ledger topic.
    /// - Parameter producer: the producer records are written with; `nil` for a reader (jira-poller).
    public init(kafka: StageKafka, producer: KafkaProducer?, logger: Logger) async throws {
        self.producer = producer
        let index = Index()
        self.index = index
        tail = try await CompactedTopicTail(
            topic: SyncTopic.status.name, kafka: kafka, logger: logger,
            decode: { _, bytes in try SyncEventCodec.makeDecoder().decode(StatusAgreement.self, from: Data(bytes)) },
            onApply: { key, record in index.apply(key: key, record: record) }
        )
    }

    /// Waits until every record written before this call (by any process) is visible.
    public func catchUp(timeout: Duration = .seconds(30)) async throws {
        try await tail.catchUp(timeout: timeout)
    }

    /// The ledger entry of a linked pair, as read so far (see ``SyncCore/StatusLedgerEntry``).
    public func entry(for link: LinkRecord) -> StatusLedgerEntry {
        StatusLedgerEntry(records: index.records(guanceIssueUUID: link.guanceIssueUUID), link: link)
    }

    /// Writes `record` and waits until Kafka acknowledged it and — unless `readBack` is off (a
    /// pending write announced right before the write itself: only durability matters there) —
    /// until this process has read it back.
    public func record(_ record: StatusAgreement, readBack: Bool = true) async throws {
        guard let producer else { preconditionFailure("a read-only StatusLedger cannot write") }
        let value = try SyncEventCodec.makeEncoder().encode(record)
        _ = try await producer.send(KafkaProducerMessage(
            topic: SyncTopic.status.name, key: Array(record.key.utf8), value: Array(value)))
        if readBack { try await catchUp() }
    }

    /// Stops following.
    public func close() async {
        await tail.close()
    }

    /// Records by Guance issue, updated by the tail's apply callback.
    private final class Index: Sendable {
        private let byIssue = Mutex<[String: [String: StatusAgreement]]>([:])

        func apply(key: String, record: StatusAgreement?) {
            guard let separator = key.lastIndex(of: "/") else { return }
            let issue = String(key[..<separator])
            let writer = String(key[key.index(after: separator)...])
            byIssue.withLock { table in
                table[issue, default: [:]][writer] = record
                if table[issue]?.isEmpty ?? false { table[issue] = nil }
            }
        }

        func records(guanceIssueUUID: String) -> [StatusAgreement] {
            byIssue.withLock { Array(($0[guanceIssueUUID] ?? [:]).values) }
        }
    }
}
