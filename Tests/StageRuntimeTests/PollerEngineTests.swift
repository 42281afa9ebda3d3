import Foundation
import Kafka
import KafkaMock
import Logging
import StageRuntime
import Synchronization
import SyncCore
import Testing

/// The poller engine over the mock cluster, with a toy poller whose source is a list of replies:
/// publish before checkpoint, read-back on start and while running, offsets past its own events.
@Suite("Poller engine", .serialized)
struct PollerEngineTests {
    typealias Support = StageRuntimeTestSupport

    /// What the toy poller reads: replies appearing over time.
    final class Source: Sendable {
        let replies = Mutex<[SyncEvent]>([])
        let folded = Mutex(0)

        func add(issue: String, _ sequences: ClosedRange<Int>) -> [SyncEvent] {
            let events = sequences.map { Support.reply(issue: issue, sequence: $0) }
            replies.withLock { $0 += events }
            return events
        }
    }

    /// Publishes every reply of the source not in its state; the state is the reply ids seen.
    struct ToyPolicy: PollerPolicy {
        let source: Source

        struct Item: Codable, Sendable, Equatable {
            var seen = true
        }

        var name: String { "toy-poller" }
        var eventTopic: SyncTopic { .guanceEvents }
        var readinessCheck: String { "toy" }
        var publishedCrashPoint: String { "toy_published" }
        var idleCheckpointInterval: Duration { .seconds(60) }

        func initialState(now: Date) -> Set<String> { [] }

        func checkpoint(of state: Set<String>) -> PollerCheckpointParts<Int, Item> {
            PollerCheckpointParts(cursor: Date(), summary: state.count, items: Dictionary(uniqueKeysWithValues: state.map { ($0, Item()) }))
        }

        func restore(_ parts: PollerCheckpointParts<Int, Item>) -> Set<String> { Set(parts.items.keys) }

        func fold(_ event: SyncEvent, into state: inout Set<String>) {
            guard case .guanceReplyCreated(let reply) = event.body else { return }
            state.insert(reply.replyUUID)
            source.folded.withLock { $0 += 1 }
        }

        mutating func resume(_ state: inout Set<String>, from start: PollerStart, now: Date) {}

        func cycle(from state: Set<String>, now: Date) async throws -> PollCycle<Set<String>> {
            var next = state
            var events: [SyncEvent] = []
            for event in source.replies.withLock({ $0 }) {
                guard case .guanceReplyCreated(let reply) = event.body, next.insert(reply.replyUUID).inserted else { continue }
                events.append(event)
            }
            return PollCycle(state: next, events: events, backlog: 0, nextCycle: .milliseconds(100))
        }

        func pause(afterFailures failures: Int) -> Duration { .milliseconds(200) }
    }

    static func context(_ cluster: KafkaMockCluster) throws -> StageContext {
        let configuration = try SyncConfiguration.parse("""
            jira:
              baseURL: https://jira.example
            routing:
              default:
                project: OPS
                issueType: "10004"
            """)
        return StageContext(
            stage: "toy-poller", logger: Support.logger, kafka: Support.kafka(cluster, client: "toy-poller"),
            configuration: configuration, environment: [:], readiness: Readiness())
    }

    /// Runs an engine until `done` holds, then stops it.
    static func run(
        _ source: Source, on cluster: KafkaMockCluster, foldInterval: Duration = .seconds(60),
        until done: @escaping @Sendable () async throws -> Bool
    ) async throws -> Bool {
        let producer = try Support.producer(cluster)
        let engine = PollerEngine(
            policy: ToyPolicy(source: source), context: try context(cluster), producer: producer,
            settings: PollerEngine<ToyPolicy>.Settings(foldInterval: foldInterval))
        let running = Task { try await engine.run() }
        let reached = try await Support.eventually(within: .seconds(60)) { try await done() }
        running.cancel()
        try await running.value
        await producer.shutdown()
        return reached
    }

    static func published(_ cluster: KafkaMockCluster) async throws -> [String] {
        try await PublishedEventReader(kafka: Support.kafka(cluster), topic: SyncTopic.guanceEvents.name, logger: Support.logger)
            .events(stallTimeout: .seconds(30))
            .compactMap { event in
                guard case .guanceReplyCreated(let reply) = event.body else { return nil }
                return reply.replyUUID
            }
    }

    static func head(_ cluster: KafkaMockCluster) async throws -> PollerCheckpoint? {
        let producer = try Support.producer(cluster)
        let store = try await CheckpointStore(kafka: Support.kafka(cluster), producer: producer, logger: Support.logger)
        let head = store.checkpoints(of: "toy-poller")[PollerCheckpointLayout.headScope]
        await store.close()
        await producer.shutdown()
        return head
    }

    @Test("events published after the last checkpoint are read back on start and never published twice")
    func readBackOnStart() async throws {
        let cluster = try Support.cluster(partitions: 3)
        let source = Source()
        _ = source.add(issue: "issue-1", 1...5)
        let reader = PublishedEventReader(kafka: Support.kafka(cluster), topic: SyncTopic.guanceEvents.name, logger: Support.logger)
        // The checkpoint's offsets move past the poller's own events (nothing else in between).
        #expect(try await Self.run(source, on: cluster) {
            guard try await Self.published(cluster).count == 5, let head = try await Self.head(cluster) else { return false }
            return Self.offsetsEqual(head, try await reader.endOffsets())
        })

        // Published, then killed before the checkpoint: on the topic, not in the checkpoint.
        let producer = try Support.producer(cluster)
        try await EventPublisher(producer: producer, stage: "test").publish(source.add(issue: "issue-1", 6...8))
        await producer.shutdown()
        _ = source.add(issue: "issue-2", 1...2)
        #expect(try await Self.run(source, on: cluster) { try await Self.published(cluster).count >= 10 })
        let all = try await Self.published(cluster)
        #expect(all.count == 10 && Set(all).count == 10, "\(all)")
        #expect(source.folded.withLock { $0 } == 3, "only the three events after the checkpoint are read back")
    }

    @Test("events another producer publishes while the poller runs are folded in, not published again")
    func readBackWhileRunning() async throws {
        let cluster = try Support.cluster(partitions: 3)
        let source = Source()
        _ = source.add(issue: "issue-1", 1...3)
        let producer = try Support.producer(cluster)
        let engine = PollerEngine(
            policy: ToyPolicy(source: source), context: try Self.context(cluster), producer: producer,
            settings: PollerEngine<ToyPolicy>.Settings(foldInterval: .milliseconds(300)))
        let running = Task { try await engine.run() }
        #expect(try await Support.eventually(within: .seconds(60)) { try await Self.published(cluster).count == 3 })
        // A backfill publishes two replies; the poller folds them, then its source shows them too.
        let other = try Support.producer(cluster)
        let backfilled = (4...5).map { Support.reply(issue: "issue-1", sequence: $0) }
        try await EventPublisher(producer: other, stage: "backfill").publish(backfilled)
        await other.shutdown()
        #expect(await Support.eventually(within: .seconds(60)) { source.folded.withLock { $0 } >= 2 })
        source.replies.withLock { $0 += backfilled }
        _ = source.add(issue: "issue-1", 6...6)
        #expect(try await Support.eventually(within: .seconds(60)) { try await Self.published(cluster).count >= 6 })
        running.cancel()
        try await running.value
        await producer.shutdown()
        let all = try await Self.published(cluster)
        #expect(all.count == 6 && Set(all).count == 6, "\(all)")
    }

    static func offsetsEqual(_ head: PollerCheckpoint, _ ends: [Int32: Int64]) -> Bool {
        guard let text = head.state["offsets"],
            let stored = try? JSONDecoder().decode([String: Int64].self, from: Data(text.utf8))
        else { return false }
        return stored == Dictionary(uniqueKeysWithValues: ends.map { (String($0.key), $0.value) })
    }
}
