import Foundation
import Kafka
import KafkaMock
import StageRuntime
import Synchronization
import SyncCore
import Testing

/// A writer retrying a record (an API down) while a rebalance gives the record's partition away:
/// it stops at its next attempt instead of going on writing next to the new owner (issue 13,
/// "work continues after the partition is gone").
@Suite("Writer loop: ownership is checked before every retry", .serialized)
struct OwnershipRetryTests {
    typealias Support = StageRuntimeTestSupport

    /// When each member attempted each issue, on one clock.
    final class Attempts: Sendable {
        let byMember = Mutex<[String: [String: [ContinuousClock.Instant]]]>([:])

        func record(member: String, issue: String) {
            byMember.withLock { $0[member, default: [:]][issue, default: []].append(.now) }
        }

        func of(_ member: String) -> [String: [ContinuousClock.Instant]] { byMember.withLock { $0[member] ?? [:] } }
    }

    /// The first member's handler: the API is down for it (every attempt asks for a retry soon).
    struct FailingHandler: SyncEventHandler {
        let attempts: Attempts
        func handle(_ event: SyncEvent, attempt: Int) async -> HandlingOutcome {
            attempts.record(member: "first", issue: event.key)
            return .retry(after: .milliseconds(50), reason: "API down (test)")
        }
    }

    /// The second member's handler: applies at once.
    struct WorkingHandler: SyncEventHandler {
        let attempts: Attempts
        func handle(_ event: SyncEvent, attempt: Int) async -> HandlingOutcome {
            attempts.record(member: "second", issue: event.key)
            return .applied(effect: "test_effect")
        }
    }

    @Test("after a rebalance the old owner makes no further attempt on an issue the new owner handles")
    func oldOwnerStops() async throws {
        let cluster = try Support.cluster(partitions: 6)
        let producer = try Support.producer(cluster)
        let issues = (0..<12).map { "issue-\($0)" }
        try await EventPublisher(producer: producer, stage: "test").publish(issues.map { Support.reply(issue: $0, sequence: 0) })
        let attempts = Attempts()
        let deadLetters = DeadLetterPublisher(producer: producer, stage: "test-writer", logger: Support.logger)
        // A short drain: the first member cannot finish (its API is down), so the revocation gives
        // the records up after a second and waits for running handlers at most another second.
        let settings = WriterLoop.Settings(
            stage: "test-writer", group: "g-ownership", topics: [.guanceEvents], concurrency: 12,
            maxPollInterval: .seconds(30), drainTimeout: .seconds(1))
        let first = WriterLoop(
            settings: settings, kafka: Support.kafka(cluster), handler: FailingHandler(attempts: attempts),
            deadLetters: deadLetters, logger: Support.logger)
        let firstRun = Task { try await first.run() }
        let retrying = await Support.eventually(within: .seconds(120)) {
            let seen = attempts.of("first")
            return issues.allSatisfy { (seen[$0]?.count ?? 0) >= 3 }
        }
        #expect(retrying, "the first member never retried every issue")

        let second = WriterLoop(
            settings: settings, kafka: Support.kafka(cluster), handler: WorkingHandler(attempts: attempts),
            deadLetters: deadLetters, logger: Support.logger)
        let secondRun = Task { try await second.run() }
        let taken = await Support.eventually(within: .seconds(120)) { !attempts.of("second").isEmpty }
        #expect(taken, "the second member never got a partition")
        // Time for a first member that did not stop to show it: dozens of 50 ms retries.
        try await Task.sleep(for: .seconds(3))
        firstRun.cancel()
        secondRun.cancel()
        try await firstRun.value
        try await secondRun.value
        await producer.shutdown()

        let byFirst = attempts.of("first")
        for (issue, handled) in attempts.of("second") {
            guard let start = handled.first else { continue }
            let after = (byFirst[issue] ?? []).filter { $0 > start }
            #expect(after.isEmpty, "\(issue): \(after.count) attempts by the old owner after the new owner took it")
        }
    }
}
