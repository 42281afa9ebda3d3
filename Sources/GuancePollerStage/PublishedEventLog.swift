import Foundation
import Kafka
import Logging
import StageRuntime
import SyncCore

/// The poller's view of `guance.events.v1`: where its end is now (stored in every checkpoint) and
/// what was published after a stored position (replayed on start, so events published before a
/// crash but after the last checkpoint are never emitted again).
struct PublishedEventLog: Sendable {
    private let kafka: StageKafka
    private let admin: KafkaAdmin
    private let partitions: [Int32]
    private let logger: Logger

    private static let topic = SyncTopic.guanceEvents.name

    /// Looks the topic up.
    /// - Throws: ``StageError/missingTopic(_:)`` when it does not exist.
    init(kafka: StageKafka, logger: Logger) async throws {
        let admin = try KafkaAdmin(configuration: kafka.client, logger: logger)
        let metadata = try await admin.listTopics().first { $0.name == Self.topic }
        guard let metadata, !metadata.partitions.isEmpty else {
            await admin.shutdown()
            throw StageError.missingTopic(Self.topic)
        }
        self.kafka = kafka
        self.admin = admin
        self.partitions = metadata.partitions.map(\.id).sorted()
        self.logger = logger
    }

    /// The next offset of every partition (everything acknowledged so far is below it).
    func highWatermarks() async throws -> [Int32: Int64] {
        try await watermarks().mapValues(\.high)
    }

    /// The first retained and the next offset of every partition.
    private func watermarks() async throws -> [Int32: (low: Int64, high: Int64)] {
        var marks: [Int32: (low: Int64, high: Int64)] = [:]
        for partition in partitions {
            marks[partition] = try await admin.watermarks(of: KafkaTopicPartition(topic: Self.topic, partition: partition))
        }
        return marks
    }

    /// Every event published at or after `offsets` (a partition missing from it is read from its
    /// beginning), up to the current end, in partition order, and that end. Undecodable records
    /// are skipped.
    func events(
        since offsets: [Int32: Int64], timeout: Duration = .seconds(60)
    ) async throws -> (events: [SyncEvent], ends: [Int32: Int64]) {
        let marks = try await watermarks()
        let ends = marks.mapValues(\.high)
        var assignment: [KafkaTopicPartition: KafkaStartOffset] = [:]
        for (partition, mark) in marks {
            // Records older than the retention are gone: start at the first one retained.
            let start = max(offsets[partition] ?? 0, mark.low)
            guard start < mark.high else { continue }
            assignment[KafkaTopicPartition(topic: Self.topic, partition: partition)] = .offset(start)
        }
        guard !assignment.isEmpty else { return ([], ends) }
        let consumer = try KafkaConsumer(
            configuration: kafka.reader(purpose: "guance-events-replay"), assignment: assignment, logger: logger)
        let partitionsToRead = Set(assignment.keys.map(\.partition))
        let logger = logger
        let reader = Task { () throws -> [SyncEvent]? in
            var remaining = partitionsToRead
            var collected: [SyncEvent] = []
            for try await message in consumer.messages {
                if let value = message.value {
                    do {
                        collected.append(try SyncEventCodec.decode(Data(value)))
                    } catch {
                        logger.warning("undecodable event skipped while replaying", metadata: [
                            "partition": "\(message.partition)", "offset": "\(message.offset)", "error": "\(error)",
                        ])
                    }
                }
                if message.offset + 1 >= ends[message.partition] ?? 0 { remaining.remove(message.partition) }
                if remaining.isEmpty { return collected }
            }
            return nil
        }
        let watchdog = Task {
            try? await Task.sleep(for: timeout)
            reader.cancel()
        }
        let outcome = await withTaskCancellationHandler {
            await reader.result
        } onCancel: {
            reader.cancel()
        }
        watchdog.cancel()
        await consumer.close()
        switch outcome {
        case .success(let events?): return (events, ends)
        case .success(nil):
            try Task.checkCancellation()
            throw StageError.catchUpTimedOut(Self.topic)
        case .failure(let error): throw error
        }
    }

    /// Releases the admin client.
    func close() async {
        await admin.shutdown()
    }
}
