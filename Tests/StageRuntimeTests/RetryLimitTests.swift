import Foundation
import Kafka
import StageRuntime
import SyncCore
import Testing

/// Retries end (issue 13, "retries without end"): a record that keeps failing transiently is
/// dead-lettered once it has been retried for the writer's retry time, and its issue moves on; a
/// dead-letter topic that cannot be written fails readiness until a letter goes through.
@Suite("Writer loop: bounded retries and a blocked dead-letter path", .serialized)
struct RetryLimitTests {
    typealias Support = StageRuntimeTestSupport

    @Test("a record failing for longer than retryFor is dead-lettered with its last reason; later records flow")
    func retriesEnd() async throws {
        let cluster = try Support.cluster()
        let producer = try Support.producer(cluster)
        let events = (0..<5).map { Support.reply(issue: "issue-1", sequence: $0) }
        try await EventPublisher(producer: producer, stage: "test").publish(events)
        let handler = RecordingHandler(transientFailures: ["issue-1-r2": Int.max])
        let readiness = Readiness()
        let loop = WriterLoop(
            settings: WriterLoop.Settings(
                stage: "test-writer", group: "g-retry-limit", topics: [.guanceEvents], concurrency: 4,
                maxPollInterval: .seconds(30), drainTimeout: .seconds(5), retryFor: .seconds(1)),
            kafka: Support.kafka(cluster), handler: handler,
            deadLetters: DeadLetterPublisher(producer: producer, stage: "test-writer", logger: Support.logger),
            readiness: readiness, logger: Support.logger)
        let running = Task { try await loop.run() }
        let later = ["issue-1-r3", "issue-1-r4"]
        let done = await Support.eventually(within: .seconds(120)) {
            Set(handler.completed.map(\.reply)).isSuperset(of: later)
        }
        running.cancel()
        try await running.value
        #expect(done, "the records after the failing one were never handled: \(handler.completed.map(\.reply))")
        // How many attempts fit in the retry time depends on the machine's load; the letter counts them.
        let attempts = handler.all.filter { $0.reply == "issue-1-r2" }.count

        let letters = try await Support.records(.deadLetters, in: cluster, count: 1)
        let first = try #require(letters.first, "no dead letter")
        let letter = try SyncEventCodec.makeDecoder().decode(DeadLetter.self, from: Data(first.value ?? []))
        #expect(letter.reason.code == DeadLetterCode.retriesExhausted)
        #expect(letter.reason.message.contains("HTTP 503"), "\(letter.reason.message)")
        #expect(letter.reason.message.contains("after \(attempts) attempts"), "\(letter.reason.message)")
        #expect(letter.attempts == attempts)
        #expect(readiness.statuses[WriterLoop.deadLetterCheck]?.ready == true)
        await producer.shutdown()
    }

    @Test("a dead-letter topic that refuses writes fails readiness until the letter goes through")
    func blockedDeadLetters() async throws {
        let cluster = try Support.cluster()
        let producer = try Support.producer(cluster)
        try await EventPublisher(producer: producer, stage: "test").publish([Support.reply(issue: "issue-9", sequence: 0)])
        // The next produce requests (the dead letter's) are refused: TOPIC_AUTHORIZATION_FAILED.
        cluster.pushRequestErrors(apiKey: 0, errorCodes: Array(repeating: 29, count: 3))
        let handler = RecordingHandler(rejected: ["issue-9-r0"])
        let readiness = Readiness()
        let loop = WriterLoop(
            settings: WriterLoop.Settings(
                stage: "test-writer", group: "g-blocked-dead-letters", topics: [.guanceEvents], concurrency: 4,
                maxPollInterval: .seconds(30), drainTimeout: .seconds(5)),
            kafka: Support.kafka(cluster), handler: handler,
            deadLetters: DeadLetterPublisher(producer: producer, stage: "test-writer", logger: Support.logger),
            readiness: readiness, logger: Support.logger)
        let running = Task { try await loop.run() }
        let failing = await Support.eventually(within: .seconds(120)) {
            readiness.statuses[WriterLoop.deadLetterCheck]?.ready == false
        }
        let detail = readiness.statuses[WriterLoop.deadLetterCheck]?.detail ?? ""
        let recovered = await Support.eventually(within: .seconds(120)) {
            readiness.statuses[WriterLoop.deadLetterCheck]?.ready == true
        }
        running.cancel()
        try await running.value
        #expect(failing, "readiness never reported the blocked dead-letter path")
        #expect(detail.contains(SyncTopic.deadLetters.name), "\(detail)")
        #expect(recovered, "readiness did not recover once the dead letter went through")
        let letters = try await Support.records(.deadLetters, in: cluster, count: 1)
        #expect(letters.count == 1)
        await producer.shutdown()
    }
}
