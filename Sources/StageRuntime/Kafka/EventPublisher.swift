import Foundation
import Kafka
import Logging
import Metrics
import SyncCore

/// Produces normalized events to their topic (keyed by the source issue id, so an issue's events
/// stay in order on one partition) and returns only once Kafka acknowledged them.
package struct EventPublisher: Sendable {
    private let producer: KafkaProducer
    private let stage: String

    /// Creates a publisher on the stage's producer.
    package init(producer: KafkaProducer, stage: String) {
        self.producer = producer
        self.stage = stage
    }

    /// Publishes `event` and waits for the acknowledgement.
    /// - Throws: when Kafka does not acknowledge it (the caller must not advance its checkpoint).
    package func publish(_ event: SyncEvent) async throws {
        try await publish([event])
    }

    /// Publishes `events`, pipelined, and waits until all are acknowledged. Events of one key keep
    /// their order (one partition, idempotent producer).
    /// - Returns: where each event was written, in acknowledgement order.
    /// - Throws: the first failure (some events may be written: consumers de-duplicate by event id).
    @discardableResult
    package func publish(_ events: [SyncEvent]) async throws -> [KafkaDeliveryReport] {
        guard !events.isEmpty else { return [] }
        let messages = try events.map(Self.message(for:))
        let reports = try await Self.deliverAll(messages, producer: producer)
        for event in events {
            Counter(label: StageMetricName.eventsProduced, dimensions: [
                ("stage", stage), ("topic", event.topic.name), ("type", event.type.rawValue),
            ]).increment()
        }
        return reports
    }

    /// Queues `messages` in order and waits until every one is acknowledged.
    /// - Throws: the first delivery failure; `CancellationError` when the task was cancelled
    ///   before every acknowledgement arrived.
    @discardableResult
    static func deliverAll(_ messages: [KafkaProducerMessage], producer: KafkaProducer) async throws -> [KafkaDeliveryReport] {
        // Nothing to wait for: no report would ever end the wait below.
        guard !messages.isEmpty else { return [] }
        let (reports, continuation) = AsyncStream.makeStream(of: Result<KafkaDeliveryReport, KafkaError>.self)
        for message in messages {
            try await producer.enqueue(message) { continuation.yield($0) }
        }
        var delivered: [KafkaDeliveryReport] = []
        for await report in reports {
            switch report {
            case .failure(let error):
                continuation.finish()
                throw error
            case .success(let report):
                delivered.append(report)
            }
            if delivered.count == messages.count { break }
        }
        continuation.finish()
        // The stream also ends when the task is cancelled: unacknowledged messages must not pass
        // for delivered (callers checkpoint or commit after this returns).
        guard delivered.count == messages.count else { throw CancellationError() }
        return delivered
    }

    /// The Kafka record of `event`.
    package static func message(for event: SyncEvent) throws -> KafkaProducerMessage {
        KafkaProducerMessage(
            topic: event.topic.name,
            key: Array(event.key.utf8),
            value: Array(try SyncEventCodec.encode(event)),
            headers: SyncEventCodec.headers(for: event).map { KafkaHeader(name: $0.name, string: $0.value) }
        )
    }
}
