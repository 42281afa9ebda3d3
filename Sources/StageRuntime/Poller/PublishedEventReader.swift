import Foundation
import Kafka
import Logging
import SyncCore
import Synchronization

/// Reads back what is on an event topic: a poller, on start and periodically, folds the events
/// published after its checkpoint into its state (see ``PollerEngine``); tests read everything.
///
/// Streaming: events are handed to the caller one by one as they arrive, so memory stays bounded
/// (librdkafka's prefetch limit plus one batch) however many there are.
package struct PublishedEventReader: Sendable {
    private let kafka: StageKafka
    private let topic: String
    private let logger: Logger

    /// Creates a reader of `topic` (default `jira.events.v1`).
    package init(kafka: StageKafka, topic: String = SyncTopic.jiraEvents.name, logger: Logger) {
        self.kafka = kafka
        self.topic = topic
        self.logger = logger
    }

    /// The end offset (high watermark) of every partition: where the next record will go.
    /// - Throws: ``StageError/missingTopic(_:)`` when the topic does not exist.
    package func endOffsets() async throws -> [Int32: Int64] {
        try await watermarks().mapValues(\.high)
    }

    /// Hands every event from `start` (partition → first offset to read; a partition not named is
    /// read from its beginning, records no longer retained are skipped) up to the end offsets at
    /// the time of the call to `body`, in partition order, and returns those end offsets. Records
    /// that do not decode as events are skipped (logged).
    /// - Parameter stallTimeout: how long the reader may go without a record before it gives up.
    /// - Throws: ``StageError/catchUpTimedOut(_:)`` when records stop arriving before the end;
    ///   `CancellationError` when the task is cancelled; what `body` throws.
    @discardableResult
    package func forEach(
        from start: [Int32: Int64] = [:], stallTimeout: Duration = .seconds(60), _ body: (SyncEvent) throws -> Void
    ) async throws -> [Int32: Int64] {
        let marks = try await watermarks()
        let ends = marks.mapValues(\.high)
        var assignment: [KafkaTopicPartition: KafkaStartOffset] = [:]
        for (partition, mark) in marks {
            let first = max(start[partition] ?? 0, mark.low)
            guard first < mark.high else { continue }
            assignment[KafkaTopicPartition(topic: topic, partition: partition)] = .offset(first)
        }
        guard !assignment.isEmpty else { return ends }
        let consumer = try KafkaConsumer(
            configuration: kafka.reader(purpose: "\(topic).replay"), assignment: assignment, logger: logger)
        // A stalled read closes the consumer, which ends the message sequence below.
        let received = ReceivedCount()
        let watchdog = Task {
            var seen = -1
            while !Task.isCancelled {
                try? await Task.sleep(for: stallTimeout)
                let now = received.value
                if now == seen, !Task.isCancelled {
                    await consumer.close()
                    return
                }
                seen = now
            }
        }
        var remaining = Set(assignment.keys.map(\.partition))
        do {
            for try await message in consumer.messages {
                received.increment()
                guard remaining.contains(message.partition) else { continue }
                if let event = decode(message) { try body(event) }
                if message.offset + 1 >= ends[message.partition] ?? 0 { remaining.remove(message.partition) }
                if remaining.isEmpty { break }
            }
        } catch {
            watchdog.cancel()
            await consumer.close()
            throw error
        }
        watchdog.cancel()
        await consumer.close()
        guard remaining.isEmpty else {
            try Task.checkCancellation()
            throw StageError.catchUpTimedOut(topic)
        }
        return ends
    }

    /// Every event from `start` up to the current end, in partition order, all in memory: for
    /// tests and tools reading small topics (pollers use ``forEach(from:stallTimeout:_:)``).
    package func events(from start: [Int32: Int64] = [:], stallTimeout: Duration = .seconds(60)) async throws -> [SyncEvent] {
        var events: [SyncEvent] = []
        try await forEach(from: start, stallTimeout: stallTimeout) { events.append($0) }
        return events
    }

    /// The event in `message`, `nil` (logged) when it is a tombstone or does not decode.
    private func decode(_ message: KafkaConsumerMessage) -> SyncEvent? {
        guard let value = message.value else { return nil }
        do {
            return try SyncEventCodec.decode(Data(value))
        } catch {
            logger.warning("undecodable event skipped while reading back", metadata: [
                "topic": "\(topic)", "partition": "\(message.partition)", "offset": "\(message.offset)",
                "error": "\(error)",
            ])
            return nil
        }
    }

    /// The first retained and the next offset of every partition.
    private func watermarks() async throws -> [Int32: (low: Int64, high: Int64)] {
        let admin = try KafkaAdmin(configuration: kafka.client, logger: logger)
        do {
            guard let metadata = try await admin.listTopics().first(where: { $0.name == topic }) else {
                throw StageError.missingTopic(topic)
            }
            var marks: [Int32: (low: Int64, high: Int64)] = [:]
            for partition in metadata.partitions {
                marks[partition.id] = try await admin.watermarks(of: KafkaTopicPartition(topic: topic, partition: partition.id))
            }
            await admin.shutdown()
            return marks
        } catch {
            await admin.shutdown()
            throw error
        }
    }

    /// Records received so far, shared with the stall watchdog.
    private final class ReceivedCount: Sendable {
        private let count = Atomic<Int>(0)

        var value: Int { count.load(ordering: .relaxed) }

        func increment() {
            count.add(1, ordering: .relaxed)
        }
    }
}
