import Foundation
import Kafka
import StageRuntime
import SyncCore
import Testing

/// The writer loop against librdkafka's mock cluster over TCP: per-issue order with concurrency,
/// per-issue retries, dead letters, and commits that survive a restart.
@Suite("Writer loop", .serialized)
struct WriterLoopTests {
    typealias Support = StageRuntimeTestSupport

    private func settings(group: String) -> WriterLoop.Settings {
        WriterLoop.Settings(
            stage: "test-writer", group: group, topics: [.guanceEvents], concurrency: 8,
            maxPollInterval: .seconds(20), drainTimeout: .seconds(5))
    }

    @Test("each issue's events are handled in log order, retries stay with their issue, rejects are dead-lettered")
    func orderRetryAndDeadLetter() async throws {
        let cluster = try Support.cluster()
        let producer = try Support.producer(cluster)
        let issues = (0..<6).map { "issue-\($0)" }
        let events = issues.flatMap { issue in (0..<15).map { Support.reply(issue: issue, sequence: $0) } }
        try await EventPublisher(producer: producer, stage: "test").publish(events)

        let handler = RecordingHandler(transientFailures: ["issue-2-r3": 2], rejected: ["issue-4-r7"])
        let kafka = Support.kafka(cluster)
        let loop = WriterLoop(
            settings: settings(group: "g-order"), kafka: kafka, handler: handler,
            deadLetters: DeadLetterPublisher(producer: producer, stage: "test-writer", logger: Support.logger),
            logger: Support.logger)
        let running = Task { try await loop.run() }
        let done = await Support.eventually(within: .seconds(120)) { Set(handler.completed.map(\.reply)).count >= events.count }
        running.cancel()
        try await running.value
        #expect(done, "handled \(handler.completed.count) of \(events.count)")

        // At least once: a loaded machine can make the group re-deliver a suffix (missed heartbeats);
        // each issue's first handlings are in log order, and so is every re-delivered run.
        for issue in issues {
            let order = handler.completed.filter { $0.issue == issue }.map(\.reply)
            var firstSeen: [String] = []
            for reply in order where !firstSeen.contains(reply) { firstSeen.append(reply) }
            #expect(firstSeen == (0..<15).map { "\(issue)-r\($0)" }, "order of \(issue)")
            let sequence = order.compactMap { Int($0.split(separator: "r").last ?? "") }
            for (previous, next) in zip(sequence, sequence.dropFirst()) where next != previous + 1 {
                #expect(next <= previous, "\(issue) skipped from r\(previous) to r\(next)")
            }
        }
        let attempts = handler.all.filter { $0.reply == "issue-2-r3" }.map(\.attempt)
        #expect(attempts.prefix(3) == [1, 2, 3])

        let letters = try await Support.records(.deadLetters, in: cluster, count: 1)
        let first = try #require(letters.first, "no dead letter")
        let letter = try SyncEventCodec.makeDecoder().decode(DeadLetter.self, from: Data(first.value ?? []))
        #expect(letter.reason.code == "rejected")
        #expect(letter.key == "issue-4")
        let original = try SyncEventCodec.decode(Data(letter.value ?? []))
        #expect(original.id == events[4 * 15 + 7].id)
        await producer.shutdown()
    }

    @Test("a restarted writer resumes after the committed records; an undecodable record is dead-lettered")
    func commitsSurviveRestart() async throws {
        let cluster = try Support.cluster()
        let producer = try Support.producer(cluster)
        let first = (0..<20).map { Support.reply(issue: "issue-\($0 % 4)", sequence: $0) }
        try await EventPublisher(producer: producer, stage: "test").publish(first)
        _ = try await producer.send(KafkaProducerMessage(
            topic: SyncTopic.guanceEvents.name, key: "issue-9", value: "{not json"))
        let kafka = Support.kafka(cluster)
        let deadLetters = DeadLetterPublisher(producer: producer, stage: "test-writer", logger: Support.logger)

        let firstHandler = RecordingHandler()
        let firstLoop = WriterLoop(
            settings: settings(group: "g-restart"), kafka: kafka, handler: firstHandler, deadLetters: deadLetters,
            logger: Support.logger)
        let firstRun = Task { try await firstLoop.run() }
        #expect(await Support.eventually(within: .seconds(120)) { firstHandler.completed.count >= first.count })
        let letters = try await Support.records(.deadLetters, in: cluster, count: 1)
        firstRun.cancel()
        try await firstRun.value
        let letter = try SyncEventCodec.makeDecoder().decode(DeadLetter.self, from: Data(try #require(letters.first?.value)))
        #expect(letter.reason.code == "undecodable")
        #expect(letter.value == Array("{not json".utf8))

        let later = Support.reply(issue: "issue-1", sequence: 100)
        try await EventPublisher(producer: producer, stage: "test").publish(later)
        let secondHandler = RecordingHandler()
        let secondLoop = WriterLoop(
            settings: settings(group: "g-restart"), kafka: kafka, handler: secondHandler, deadLetters: deadLetters,
            logger: Support.logger)
        let secondRun = Task { try await secondLoop.run() }
        #expect(await Support.eventually(within: .seconds(120)) { !secondHandler.completed.isEmpty })
        // Anything uncommitted from the first run would sit before `later` in its partition.
        try await Task.sleep(for: .milliseconds(500))
        secondRun.cancel()
        try await secondRun.value
        #expect(secondHandler.all.map(\.reply) == ["issue-1-r100"])
        await producer.shutdown()
    }
}
