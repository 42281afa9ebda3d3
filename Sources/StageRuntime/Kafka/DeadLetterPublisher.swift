import Foundation
import Kafka
import Logging
import Metrics
import SyncCore

/// Writes dead letters: the original record (key, headers, value) with the reason it could not be
/// applied, so an operator can inspect it and send it back (`syncctl dlq redrive`).
package struct DeadLetterPublisher: Sendable {
    private let producer: KafkaProducer
    private let stage: String
    private let logger: Logger

    /// Creates a publisher on the stage's producer.
    package init(producer: KafkaProducer, stage: String, logger: Logger) {
        self.producer = producer
        self.stage = stage
        self.logger = logger
    }

    /// Dead-letters `message` and waits for the acknowledgement.
    /// - Throws: when Kafka does not acknowledge it (the caller must then not commit the original).
    package func publish(_ message: KafkaConsumerMessage, reason: DeadLetter.Reason, attempts: Int) async throws {
        let letter = DeadLetter(
            reason: reason, writer: stage, failedAt: Date(), attempts: attempts,
            source: DeadLetter.Source(topic: message.topic, partition: message.partition, offset: message.offset),
            key: message.keyString,
            headers: message.headers.map { DeadLetter.Header(name: $0.name, value: $0.stringValue) },
            value: message.value
        )
        try await publish(letter)
    }

    /// Writes `letter` (keyed by its id, so a re-dead-lettered record replaces its older letter in
    /// tools that keep the latest per id) and waits for the acknowledgement.
    package func publish(_ letter: DeadLetter) async throws {
        let value = try SyncEventCodec.makeEncoder().encode(letter)
        _ = try await producer.send(KafkaProducerMessage(
            topic: SyncTopic.deadLetters.name, key: Array(letter.id.utf8), value: Array(value),
            headers: [KafkaHeader(name: "reason", string: letter.reason.code)]
        ))
        Counter(label: StageMetricName.deadLetters, dimensions: [("stage", stage), ("reason", letter.reason.code)])
            .increment()
        logger.error("dead-lettered", metadata: [
            "dead_letter.id": "\(letter.id)", "reason": "\(letter.reason.code)", "detail": "\(letter.reason.message)",
            "source.key": "\(letter.key ?? "-")",
        ])
    }
}
