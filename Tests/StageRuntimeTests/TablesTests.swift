import Foundation
import Kafka
import StageRuntime
import SyncCore
import Synchronization
import Testing

/// The compacted tables over the mock cluster: read-your-writes across processes' stores.
@Suite("Link and checkpoint tables", .serialized)
struct TablesTests {
    typealias Support = StageRuntimeTestSupport

    @Test("a link recorded by one store is visible to another after catchUp")
    func linksAcrossStores() async throws {
        let cluster = try Support.cluster()
        let producer = try Support.producer(cluster)
        let kafka = Support.kafka(cluster)
        let writer = try await LinkStore(kafka: kafka, producer: producer, logger: Support.logger)
        let reader = try await LinkStore(kafka: kafka, producer: producer, logger: Support.logger)
        let link = LinkRecord(
            kind: .issue, guanceIssueUUID: "issue-1", jiraIssueId: "10001", jiraIssueKey: "OPS-1", origin: .guance,
            provenance: .created, linkedAt: Date())
        try await writer.record(link)
        #expect(writer.issueLink(guanceIssueUUID: "issue-1")?.jiraIssueKey == "OPS-1")
        try await reader.catchUp()
        #expect(reader.issueLink(guanceIssueUUID: "issue-1")?.jiraIssueKey == "OPS-1")
        #expect(reader.issueLink(jiraIssueId: "10001")?.guanceIssueUUID == "issue-1")
        #expect(reader.issueLink(guanceIssueUUID: "issue-2") == nil)

        let comment = LinkRecord(
            kind: .comment, guanceIssueUUID: "issue-1", jiraIssueId: "10001", jiraIssueKey: "OPS-1",
            guanceReplyUUID: "reply-1", jiraCommentId: "20001", origin: .guance, provenance: .created, linkedAt: Date())
        try await writer.record(comment)
        try await reader.catchUp()
        #expect(reader.commentLink(jiraCommentId: "20001")?.guanceReplyUUID == "reply-1")
        #expect(reader.table.count == 2)
        await writer.close()
        await reader.close()
        await producer.shutdown()
    }

    @Test("catchUp returns only after the apply callback ran for every record it covers (a slow callback, as on a loaded machine)")
    func catchUpWaitsForTheCallback() async throws {
        let cluster = try Support.cluster()
        let producer = try Support.producer(cluster)
        let applied = Mutex<Set<String>>([])
        let tail = try await CompactedTopicTail<String>(
            topic: SyncTopic.links.name, kafka: Support.kafka(cluster), logger: Support.logger,
            decode: { _, value in String(decoding: value, as: UTF8.self) },
            onApply: { key, _ in
                // A callback that takes a while: the reader's thread is slow, not blocked forever.
                Thread.sleep(forTimeInterval: 0.3)
                applied.withLock { _ = $0.insert(key) }
            })
        for index in 0..<3 {
            _ = try await producer.send(KafkaProducerMessage(topic: SyncTopic.links.name, key: "k\(index)", value: "v\(index)"))
            try await tail.catchUp()
            #expect(applied.withLock { $0.contains("k\(index)") }, "catchUp returned before k\(index) was applied")
        }
        await tail.close()
        await producer.shutdown()
    }

    @Test("checkpoints are read back by a new store, per poller and scope; a deleted scope is gone")
    func checkpointsRoundTrip() async throws {
        let cluster = try Support.cluster()
        let producer = try Support.producer(cluster)
        let kafka = Support.kafka(cluster)
        let first = try await CheckpointStore(kafka: kafka, producer: producer, logger: Support.logger)
        let cursor = Date(timeIntervalSince1970: 1_764_000_000)
        try await first.save([
            PollerCheckpoint(poller: "guance-poller", scope: "cursor", cursor: cursor, writtenAt: Date()),
            PollerCheckpoint(poller: "guance-poller", scope: "replies-0", cursor: cursor, state: ["a": "1"], writtenAt: Date()),
            PollerCheckpoint(poller: "jira-poller", scope: "cursor", cursor: cursor, writtenAt: Date()),
        ])
        try await first.delete(poller: "guance-poller", scope: "replies-0")
        await first.close()

        let second = try await CheckpointStore(kafka: kafka, producer: producer, logger: Support.logger)
        let guance = second.checkpoints(of: "guance-poller")
        #expect(Set(guance.keys) == ["cursor"])
        #expect(guance["cursor"]?.cursor == cursor)
        #expect(second.checkpoints(of: "jira-poller").count == 1)
        await second.close()
        await producer.shutdown()
    }

    /// guance-poller saves its tracked issues as shards: with no issue yet there are none, and the
    /// save must still return (it used to wait forever for a delivery report that never comes).
    @Test("saving an empty batch of checkpoints returns at once")
    func emptyCheckpointBatch() async throws {
        let cluster = try Support.cluster()
        let producer = try Support.producer(cluster)
        let store = try await CheckpointStore(kafka: Support.kafka(cluster), producer: producer, logger: Support.logger)
        let saved = Flag()
        let saving = Task {
            try await store.save([PollerCheckpoint]())
            saved.set()
        }
        let returned = await Support.eventually(within: .seconds(10)) { saved.isSet }
        saving.cancel()
        _ = try? await saving.value
        #expect(returned, "CheckpointStore.save([]) did not return")
        await store.close()
        await producer.shutdown()
    }

    /// A one-way flag shared with a task.
    final class Flag: Sendable {
        private let value = Mutex(false)
        func set() { value.withLock { $0 = true } }
        var isSet: Bool { value.withLock { $0 } }
    }
}
