import Foundation
import Kafka
import StageRuntime
import Synchronization
import SyncCore
import Testing

/// Every handler busy for longer than `max.poll.interval.ms` (issue 13, "evictions under slow
/// APIs"): the loop used to stop polling while the executor was full, so librdkafka left the group,
/// the member rejoined, and records were handled a second time (in production next to their new
/// owner: a duplicate Jira issue). Now the membership is served while the handlers are busy.
@Suite("Writer loop: the group membership outlives slow handlers", .serialized)
struct MembershipKeepAliveTests {
    typealias Support = StageRuntimeTestSupport

    /// Blocks the first `blocked` handlings until the gate opens; records every handling (a test
    /// double standing in for an API that does not answer).
    final class SlowHandler: SyncEventHandler {
        let blocked: Int
        let handled = Mutex<[String]>([])
        let started = Atomic<Int>(0)
        let open = Atomic<Bool>(false)

        init(blocked: Int) { self.blocked = blocked }

        func handle(_ event: SyncEvent, attempt: Int) async -> HandlingOutcome {
            guard case .guanceReplyCreated(let reply) = event.body else { return .applied(effect: "noop") }
            let number = started.add(1, ordering: .sequentiallyConsistent).newValue
            if number <= blocked {
                while !open.load(ordering: .acquiring) { try? await Task.sleep(for: .milliseconds(50)) }
            }
            handled.withLock { $0.append(reply.replyUUID) }
            return .applied(effect: "test_effect")
        }
    }

    @Test("the executor full for 2.5 × max.poll.interval: no eviction, every record handled exactly once")
    func slowHandlersKeepTheMembership() async throws {
        let cluster = try Support.cluster(partitions: 4)
        let producer = try Support.producer(cluster)
        let events = (0..<6).flatMap { issue in (0..<2).map { Support.reply(issue: "issue-\(issue)", sequence: $0) } }
        try await EventPublisher(producer: producer, stage: "test").publish(events)
        let handler = SlowHandler(blocked: 1)
        // Two slots: the blocked handling and the next record of its issue, queued behind it, fill
        // them; the consumer has a third record in hand and nowhere to put it.
        // max.poll.interval.ms cannot be below the session timeout (10 s).
        let loop = WriterLoop(
            settings: WriterLoop.Settings(
                stage: "test-writer", group: "g-keep-alive", topics: [.guanceEvents], concurrency: 2,
                maxPollInterval: .seconds(12), drainTimeout: .seconds(5)),
            kafka: Support.kafka(cluster), handler: handler,
            deadLetters: DeadLetterPublisher(producer: producer, stage: "test-writer", logger: Support.logger),
            logger: Support.logger)
        let running = Task { try await loop.run() }
        let busy = await Support.eventually(within: .seconds(60)) { handler.started.load(ordering: .acquiring) >= 1 }
        #expect(busy, "no handler started")
        // The condition under test: handlers slower than max.poll.interval.ms (12 s).
        try await Task.sleep(for: .seconds(30))
        handler.open.store(true, ordering: .releasing)
        let all = await Support.eventually(within: .seconds(120)) {
            Set(handler.handled.withLock { $0 }).count >= events.count
        }
        // Long enough for a rejoin after an eviction to deliver its records again.
        try await Task.sleep(for: .seconds(5))
        running.cancel()
        try await running.value
        await producer.shutdown()
        #expect(all, "handled \(Set(handler.handled.withLock { $0 }).count) of \(events.count)")
        let handled = handler.handled.withLock { $0 }
        let twice = Dictionary(grouping: handled, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
        #expect(twice.isEmpty, "handled more than once (the member was evicted): \(twice)")
    }
}
