import Foundation
import Kafka
import Logging
import SyncCore
import Synchronization

/// The link table (`sync.links.v1`, compacted): which Jira issue belongs to which Guance issue,
/// which comment to which reply. Every writer replica follows the whole topic, so a link recorded
/// by one replica is seen by the others after ``catchUp(timeout:)``.
package final class LinkStore: Sendable {
    private let tail: CompactedTopicTail<LinkRecord>
    private let producer: KafkaProducer
    private let index: Index

    /// Starts following the link topic.
    package init(kafka: StageKafka, producer: KafkaProducer, logger: Logger) async throws {
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
    package func catchUp(timeout: Duration = .seconds(30)) async throws {
        try await tail.catchUp(timeout: timeout)
    }

    /// The table as read so far.
    package var table: LinkTable { index.links.withLock { $0 } }

    /// The link of a Guance issue.
    package func issueLink(guanceIssueUUID: String) -> LinkRecord? {
        index.links.withLock { $0.issueLink(guanceIssueUUID: guanceIssueUUID) }
    }

    /// The link of a Jira issue (by its id).
    package func issueLink(jiraIssueId: String) -> LinkRecord? {
        index.links.withLock { $0.issueLink(jiraIssueId: jiraIssueId) }
    }

    /// The comment link of a Guance reply (either direction's record).
    package func commentLink(guanceReplyUUID: String) -> LinkRecord? {
        index.links.withLock { $0.commentLink(guanceReplyUUID: guanceReplyUUID) }
    }

    /// The comment link of a Jira comment (either direction's record).
    package func commentLink(jiraCommentId: String) -> LinkRecord? {
        index.links.withLock { $0.commentLink(jiraCommentId: jiraCommentId) }
    }

    /// Writes `record` and waits until Kafka acknowledged it (then it is visible here too).
    package func record(_ record: LinkRecord) async throws {
        let value = try SyncEventCodec.makeEncoder().encode(record)
        _ = try await producer.send(KafkaProducerMessage(
            topic: SyncTopic.links.name, key: Array(record.key.utf8), value: Array(value)))
        try await catchUp()
    }

    /// What ``claim(_:supersedes:)`` read back.
    package struct Claim: Sendable {
        /// The intent's topic key.
        package let key: String
        /// The attempt id the intent was written with.
        package let attempt: String
        /// The latest record of the intent's key after the write: this attempt's intent when it
        /// won, another writer's record when it lost, `nil` when that was withdrawn meanwhile.
        package let latest: LinkRecord?

        /// Whether this attempt's intent is the one that counts.
        package var won: Bool { latest?.attemptID == attempt }
    }

    /// The fence of every "find, then write once" effect: writes `intent` as a new attempt decided
    /// on the record whose attempt id is `basis` (`nil`: on no record), waits until Kafka
    /// acknowledged it and it was read back, and tells whether it counts. A writer evicted from its
    /// group without knowing it yet may be handling the same record as the partition's new owner;
    /// only the first attempt written on one basis counts (``LinkTable``), for every replica alike.
    /// The winner writes; a loser writes nothing and waits for the winner's link.
    package func claim(_ intent: LinkRecord, supersedes basis: String?) async throws -> Claim {
        var intent = intent
        let attempt = UUID().uuidString
        intent.attemptID = attempt
        intent.supersedes = basis
        try await record(intent)
        return Claim(key: intent.key, attempt: attempt, latest: table.latest(key: intent.key))
    }

    /// Removes the record of `key`: with `attempt`, only while that attempt's intent is still the
    /// latest — a withdrawal record (``SyncCore/LinkRecord/withdraws``) that every replica applies in
    /// log order, so an intent or link another writer put there meanwhile stays (a writer that waited
    /// out a long back-off must not remove it); without, a tombstone. Returns once the removal is
    /// visible here.
    package func withdraw(key: String, attempt: String?) async throws {
        if let attempt {
            try await catchUp()
            guard let latest = table.latest(key: key), latest.attemptID == attempt else { return }
            try await record(latest.withdrawal(of: attempt))
            return
        }
        _ = try await producer.send(KafkaProducerMessage(topic: SyncTopic.links.name, key: Array(key.utf8), value: nil as [UInt8]?))
        try await catchUp()
    }

    /// Withdraws a claimed intent while it is still the latest (its write is known not to have
    /// happened, or it was written by another route).
    package func withdraw(_ claim: Claim) async throws {
        try await withdraw(key: claim.key, attempt: claim.attempt)
    }

    /// Stops following.
    package func close() async {
        await tail.close()
    }

    /// The indexed table, updated by the tail's apply callback.
    private final class Index: Sendable {
        let links = Mutex(LinkTable())
    }
}
