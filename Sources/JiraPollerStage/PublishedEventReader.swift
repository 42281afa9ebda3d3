import Foundation
public import Kafka
public import Logging
public import StageRuntime
public import SyncCore

/// Reads the events already on an event topic: after a restart, what the previous run published
/// after its last checkpoint (so they are not emitted twice); in tests, everything.
public struct PublishedEventReader: Sendable {
    private let kafka: StageKafka
    private let topic: String
    private let logger: Logger

    /// Creates a reader of `topic` (default `jira.events.v1`).
    public init(kafka: StageKafka, topic: String = SyncTopic.jiraEvents.name, logger: Logger) {
        self.kafka = kafka
        self.topic = topic
        self.logger = logger
    }

    /// The end offset (high watermark) of every partition: where the next record will go.
    public func endOffsets() async throws -> [Int32: Int64] {
        let admin = try KafkaAdmin(configuration: kafka.client, logger: logger)
        do {
            let offsets = try await endOffsets(admin)
            await admin.shutdown()
            return offsets
        } catch {
            await admin.shutdown()
            throw error
        }
    }

    /// Every event from `start` (partition → first offset to read; a partition not named is read
    /// from its beginning) up to the end offsets at the time of the call, in partition order.
    /// Records that do not decode as events are skipped.
    /// - Throws: ``StageError/catchUpTimedOut(_:)`` when the records do not arrive within `timeout`.
    public func events(from start: [Int32: Int64] = [:], timeout: Duration = .seconds(60)) async throws -> [SyncEvent] {
        let admin = try KafkaAdmin(configuration: kafka.client, logger: logger)
        var assignment: [KafkaTopicPartition: KafkaStartOffset] = [:]
        var targets: [Int32: Int64] = [:]
        do {
            for (partition, end) in try await endOffsets(admin) {
                let low = try await admin.watermarks(of: KafkaTopicPartition(topic: topic, partition: partition)).low
                let first = max(start[partition] ?? 0, low)
                guard first < end else { continue }
                assignment[KafkaTopicPartition(topic: topic, partition: partition)] = .offset(first)
                targets[partition] = end
            }
        } catch {
            await admin.shutdown()
            throw error
        }
        await admin.shutdown()
        guard !assignment.isEmpty else { return [] }
        let consumer = try KafkaConsumer(
            configuration: kafka.reader(purpose: "\(topic).replay"), assignment: assignment, logger: logger)
        let topic = topic
        let logger = logger
        let ends = targets
        let result = await withTaskGroup(of: Result<[SyncEvent], any Error>?.self) { group in
            group.addTask { await Self.read(consumer.messages, until: ends, logger: logger) }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return Task.isCancelled ? nil : .failure(StageError.catchUpTimedOut(topic))
            }
            var outcome: Result<[SyncEvent], any Error> = .success([])
            for await finished in group {
                if let finished {
                    outcome = finished
                    break
                }
            }
            group.cancelAll()
            await consumer.close()
            return outcome
        }
        return try result.get()
    }

    private static func read(
        _ messages: KafkaConsumerMessages, until targets: [Int32: Int64], logger: Logger
    ) async -> Result<[SyncEvent], any Error> {
        var remaining = targets
        var events: [SyncEvent] = []
        do {
            for try await message in messages {
                guard let end = remaining[message.partition] else { continue }
                if let value = message.value {
                    do {
                        events.append(try SyncEventCodec.decode(Data(value)))
                    } catch {
                        logger.warning("undecodable event skipped", metadata: ["offset": "\(message.offset)"])
                    }
                }
                if message.offset + 1 >= end { remaining.removeValue(forKey: message.partition) }
                if remaining.isEmpty { return .success(events) }
            }
            return .success(events)
        } catch {
            return .failure(error)
        }
    }

    /// The end offsets, read with an admin client the caller keeps.
    public func endOffsets(using admin: KafkaAdmin) async throws -> [Int32: Int64] {
        try await endOffsets(admin)
    }

    private func endOffsets(_ admin: KafkaAdmin) async throws -> [Int32: Int64] {
        guard let metadata = try await admin.listTopics().first(where: { $0.name == topic }) else {
            throw StageError.missingTopic(topic)
        }
        var offsets: [Int32: Int64] = [:]
        for partition in metadata.partitions {
            offsets[partition.id] = try await admin.watermarks(of: KafkaTopicPartition(topic: topic, partition: partition.id)).high
        }
        return offsets
    }
}
