import Foundation
import Kafka
import StageRuntime
import Synchronization
import SyncCore
import Testing

/// A second writer joining the group mid-run: the first one finishes what it is handling for the
/// partitions it gives up before the newcomer starts on them — no issue is ever handled by two
/// writers at once, and nothing is lost.
///
/// Re-deliveries: the writer stores the offsets of everything it finished before giving the
/// partitions up, and the consumer commits them in the revocation callback. Real brokers accept
/// that commit (the member is still in its generation while the group prepares the rebalance);
/// librdkafka 2.0.2's mock cluster refuses part of it ("Group rebalance in progress"), so here a
/// few finished events may be delivered again — which the idempotent handlers absorb.
@Suite("Writer loop rebalancing", .serialized)
struct RebalanceTests {
    typealias Support = StageRuntimeTestSupport

    /// Records which issues are being handled right now, across both writers.
    final class ExclusiveHandler: SyncEventHandler {
        let active = Mutex<Set<String>>([])
        let overlaps = Mutex<[String]>([])
        let handled = Mutex<[String]>([])

        func handle(_ event: SyncEvent, attempt: Int) async -> HandlingOutcome {
            let entered = active.withLock { $0.insert(event.key).inserted }
            if !entered { overlaps.withLock { $0.append(event.key) } }
            try? await Task.sleep(for: .milliseconds(40))
            if entered { active.withLock { _ = $0.remove(event.key) } }
            handled.withLock { $0.append(event.id.rawValue) }
            return .applied(effect: "test_effect")
        }
    }

    @Test("a member joining mid-run: no issue handled by two writers at once, nothing lost")
    func joinMidRun() async throws {
        let cluster = try Support.cluster(partitions: 6)
        let producer = try Support.producer(cluster)
        let events = (0..<12).flatMap { issue in (0..<8).map { Support.reply(issue: "issue-\(issue)", sequence: $0) } }
        try await EventPublisher(producer: producer, stage: "test").publish(events)
        let handler = ExclusiveHandler()
        let deadLetters = DeadLetterPublisher(producer: producer, stage: "test-writer", logger: Support.logger)
        let settings = WriterLoop.Settings(
            stage: "test-writer", group: "g-rebalance", topics: [.guanceEvents], concurrency: 4,
            // Room for the revocation to let everything finish even when this test process's
            // cooperative pool is starved by parallel tests (handlers' 40 ms sleeps then take
            // seconds): past it, the loop gives records up (a re-delivery, not an overlap) but
            // cannot stop a handler that is running.
            maxPollInterval: .seconds(40), drainTimeout: .seconds(15))
        let first = WriterLoop(settings: settings, kafka: Support.kafka(cluster), handler: handler, deadLetters: deadLetters, logger: Support.logger)
        let second = WriterLoop(settings: settings, kafka: Support.kafka(cluster), handler: handler, deadLetters: deadLetters, logger: Support.logger)
        let firstRun = Task { try await first.run() }
        // Generous: joining the group took over 30 s while 160 suites started at once (CI21).
        #expect(await Support.eventually(within: .seconds(120)) { handler.handled.withLock { $0.count } >= 10 })
        let secondRun = Task { try await second.run() }
        let all = Set(events.map(\.id.rawValue))
        let done = await Support.eventually(within: .seconds(120)) { handler.handled.withLock { Set($0) } == all }
        firstRun.cancel()
        secondRun.cancel()
        try await firstRun.value
        try await secondRun.value
        #expect(done)
        #expect(handler.overlaps.withLock { $0 }.isEmpty, "issues handled by two writers at once")
        let handled = handler.handled.withLock { $0 }
        #expect(Set(handled) == all)
        #expect(handled.count < events.count * 2, "re-deliveries: \(handled.count - events.count)")
        await producer.shutdown()
    }
}
