import Foundation
import Kafka
import Logging
import SyncCore
import Synchronization

/// The link table (`sync.links.v1`, compacted): which Jira issue belongs to which Guance issue,
/// which comment to which reply. Every writer replica follows the whole topic, so a link recorded
/// by one replica is seen by the others after ``catchUp(timeout:)``.
public final class LinkStore: Sendable {
    private let tail: CompactedTopicTail<LinkRecord>
    private let producer: KafkaProducer
    private let index: Index

    /// Starts following the link topic.
    public init(kafka: StageKafka, producer: KafkaProducer, logger: Logger) async throws {
        self.producer = producer
        let index = Index()
        self.index = index
        tail = try await CompactedTopicTail(
            topic: SyncTopic.links.name, kafka: kafka, logger: logger,
            decode: { _, bytes in try SyncEventCodec.makeDecoder().decode(LinkRecord.self, from: Data(bytes)) },
            onApply: { key, record in index.links.withLock { $0.apply(key: key, record: record) } }
        )
    }

    /// Waits until every link written before this call (by any process) is visible.
    public func catchUp(timeout: Duration = .seconds(30)) async throws {
        try await tail.catchUp(timeout: timeout)
    }

    /// The table as read so far.
    public var table: LinkTable { index.links.withLock { $0 } }

    /// The link of a Guance issue.
    public func issueLink(guanceIssueUUID: String) -> LinkRecord? {
        index.links.withLock { $0.issueLink(guanceIssueUUID: guanceIssueUUID) }
    }

    /// The link of a Jira issue (by its id).
    public func issueLink(jiraIssueId: String) -> LinkRecord? {
        index.links.withLock { $0.issueLink(jiraIssueId: jiraIssueId) }
    }

    /// The comment link of a Guance reply (either direction's record).
    public func commentLink(guanceReplyUUID: String) -> LinkRecord? {
        index.links.withLock { $0.commentLink(guanceReplyUUID: guanceReplyUUID) }
    }

    /// The comment link of a Jira comment (either direction's record).
    public func commentLink(jiraCommentId: String) -> LinkRecord? {
        index.links.withLock { $0.commentLink(jiraCommentId: jiraCommentId) }
    }

    /// Writes `record` and waits until Kafka acknowledged it (then it is visible here too).
    public func record(_ record: LinkRecord) async throws {
        let value = try SyncEventCodec.makeEncoder().encode(record)
        _ = try await producer.send(KafkaProducerMessage(
            topic: SyncTopic.links.name, key: Array(record.key.utf8), value: Array(value)))
        try await catchUp()
    }

    /// Stops following.
    public func close() async {
        await tail.close()
    }

    /// The indexed table, updated by the tail's apply callback.
    private final class Index: Sendable {
        let links = Mutex(LinkTable())
    }
}
