import Foundation
import Kafka
import Logging
import Metrics
import SyncCore

/// Produces normalized events to their topic (keyed by the source issue id, so an issue's events
/// stay in order on one partition) and returns only once Kafka acknowledged them.
public struct EventPublisher: Sendable {
    private let producer: KafkaProducer
    private let stage: String

    /// Creates a publisher on the stage's producer.
    public init(producer: KafkaProducer, stage: String) {
        self.producer = producer
        self.stage = stage
    }

    /// Publishes `event` and waits for the acknowledgement.
    /// - Throws: when Kafka does not acknowledge it (the caller must not advance its checkpoint).
    public func publish(_ event: SyncEvent) async throws {
        try await publish([event])
    }

    /// Publishes `events`, pipelined, and waits until all are acknowledged. Events of one key keep
    /// their order (one partition, idempotent producer).
    /// - Throws: the first failure (some events may be written: consumers de-duplicate by event id).
    public func publish(_ events: [SyncEvent]) async throws {
        guard !events.isEmpty else { return }
        let messages = try events.map(Self.message(for:))
        try await Self.deliverAll(messages, producer: producer)
        for event in events {
            Counter(label: StageMetricName.eventsProduced, dimensions: [
                ("stage", stage), ("topic", event.topic.name), ("type", event.type.rawValue),
            ]).increment()
        }
    }

    /// Queues `messages` in order and waits until every one is acknowledged.
    /// - Throws: the first delivery failure; `CancellationError` when the task was cancelled
    ///   before every acknowledgement arrived.
    static func deliverAll(_ messages: [KafkaProducerMessage], producer: KafkaProducer) async throws {
        // Nothing to wait for: no report would ever end the wait below.
        guard !messages.isEmpty else { return }
        let (reports, continuation) = AsyncStream.makeStream(of: Result<KafkaDeliveryReport, KafkaError>.self)
        for message in messages {
            try await producer.enqueue(message) { continuation.yield($0) }
        }
        var remaining = messages.count
        for await report in reports {
            if case .failure(let error) = report {
                continuation.finish()
                throw error
            }
            remaining -= 1
            if remaining == 0 { break }
        }
        continuation.finish()
        // The stream also ends when the task is cancelled: unacknowledged messages must not pass
        // for delivered (callers checkpoint or commit after this returns).
        guard remaining == 0 else { throw CancellationError() }
    }

    /// The Kafka record of `event`.
    public static func message(for event: SyncEvent) throws -> KafkaProducerMessage {
        KafkaProducerMessage(
            topic: event.topic.name,
            key: Array(event.key.utf8),
            value: Array(try SyncEventCodec.encode(event)),
            headers: SyncEventCodec.headers(for: event).map { KafkaHeader(name: $0.name, string: $0.value) }
        )
    }
}
