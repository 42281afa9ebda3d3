import Foundation
import Kafka
import Logging
import SyncCore

/// Poller checkpoints (`sync.checkpoints.v1`, compacted, keyed `poller/scope`).
///
/// A poller saves a checkpoint only after the events it covers are acknowledged, so a restart
/// resumes at or before the last published change (overlap + de-duplication do the rest).
/// Large state is split by the poller into several scopes (one record must stay under Kafka's
/// message size limit, 1 MB by default).
package final class CheckpointStore: Sendable {
    private let tail: CompactedTopicTail<PollerCheckpoint>
    private let producer: KafkaProducer

    /// Starts following the checkpoint topic and reads it to its end.
    package init(kafka: StageKafka, producer: KafkaProducer, logger: Logger) async throws {
        self.producer = producer
        tail = try await CompactedTopicTail(topic: SyncTopic.checkpoints.name, kafka: kafka, logger: logger) { _, bytes in
            try SyncEventCodec.makeDecoder().decode(PollerCheckpoint.self, from: Data(bytes))
        }
        try await tail.catchUp()
    }

    /// Every checkpoint of `poller`, by scope.
    package func checkpoints(of poller: String) -> [String: PollerCheckpoint] {
        var result: [String: PollerCheckpoint] = [:]
        for checkpoint in tail.values.values where checkpoint.poller == poller {
            result[checkpoint.scope] = checkpoint
        }
        return result
    }

    /// Every checkpoint, of every poller.
    package var all: [PollerCheckpoint] {
        tail.values.values.sorted { $0.key < $1.key }
    }

    /// Saves `checkpoint` and waits for the acknowledgement.
    package func save(_ checkpoint: PollerCheckpoint) async throws {
        let value = try SyncEventCodec.makeEncoder().encode(checkpoint)
        _ = try await producer.send(KafkaProducerMessage(
            topic: SyncTopic.checkpoints.name, key: Array(checkpoint.key.utf8), value: Array(value)))
    }

    /// Saves several checkpoints (e.g. the shards of one poller's state), all acknowledged on return.
    package func save(_ checkpoints: [PollerCheckpoint]) async throws {
        let messages = try checkpoints.map { checkpoint in
            KafkaProducerMessage(
                topic: SyncTopic.checkpoints.name, key: Array(checkpoint.key.utf8),
                value: Array(try SyncEventCodec.makeEncoder().encode(checkpoint)))
        }
        try await EventPublisher.deliverAll(messages, producer: producer)
    }

    /// Deletes the checkpoint `poller/scope` (a tombstone), e.g. a shard no longer used.
    package func delete(poller: String, scope: String) async throws {
        _ = try await producer.send(KafkaProducerMessage(
            topic: SyncTopic.checkpoints.name, key: Array("\(poller)/\(scope)".utf8), value: nil as [UInt8]?))
    }

    /// Stops following.
    package func close() async {
        await tail.close()
    }
}
