import Foundation
import Kafka
import Logging
import StageRuntime
import SyncCore
import Synchronization

/// The dead-letter topic for operators: read it, inspect letters, send them back.
///
/// Follows `sync.dead-letters.v1` from its beginning without a consumer group (nothing is
/// committed, any number of operators may look at once).
package final class DeadLetterQueue: Sendable {
    private let tail: CompactedTopicTail<DeadLetterTable.Entry>
    private let producer: KafkaProducer
    private let box: TableBox

    /// What a redrive did with one dead letter.
    package enum RedriveOutcome: Sendable, Hashable {
        /// The original was re-produced to `target` and the letter marked as sent back.
        case redriven(id: String, target: DeadLetter.Source)
        /// Dry run: the original would go to `topic`.
        case wouldRedrive(id: String, topic: String)
        /// Already sent back earlier (nothing done).
        case alreadyRedriven(DeadLetterRedrive)
        /// No dead letter has this id.
        case notFound(id: String)
    }

    /// Reads the topic to its end.
    /// - Parameter producer: used by ``redrive(id:dryRun:)`` (re-produced originals and markers).
    package init(kafka: StageKafka, producer: KafkaProducer, logger: Logger) async throws {
        self.producer = producer
        let box = TableBox()
        self.box = box
        tail = try await CompactedTopicTail(
            topic: SyncTopic.deadLetters.name, kafka: kafka, logger: logger,
            decode: { _, bytes in try DeadLetterTable.Entry.decode(bytes) },
            onApply: { key, entry in box.table.withLock { $0.apply(key: key, entry: entry) } }
        )
        try await tail.catchUp()
    }

    /// The table as read.
    package var snapshot: DeadLetterTable { box.table.withLock { $0 } }

    /// Sends the dead letter `id` back to its source topic, once.
    ///
    /// Order: the original (key, headers plus `redriven-from`, value) is produced and acknowledged
    /// first, then the marker. A crash between the two leaves the letter open, so a second redrive
    /// produces the original again; writers de-duplicate by event id, so that costs nothing.
    package func redrive(id: String, dryRun: Bool) async throws -> RedriveOutcome {
        let (letter, marker) = box.table.withLock { ($0.letter(id: id), $0.redrive(of: id)) }
        if let marker { return .alreadyRedriven(marker) }
        guard let letter else { return .notFound(id: id) }
        if dryRun { return .wouldRedrive(id: id, topic: letter.source.topic) }
        let report = try await producer.send(Self.original(of: letter))
        let target = DeadLetter.Source(topic: report.topic, partition: report.partition, offset: report.offset)
        let redrive = DeadLetterRedrive(deadLetterID: id, redrivenAt: Date(), target: target)
        _ = try await producer.send(KafkaProducerMessage(
            topic: SyncTopic.deadLetters.name, key: Array(id.utf8),
            value: Array(try SyncEventCodec.makeEncoder().encode(redrive)),
            headers: [KafkaHeader(name: DeadLetterRedrive.kindHeader, string: DeadLetterRedrive.kindValue)]))
        box.table.withLock { $0.apply(key: id, entry: .redriven(redrive)) }
        return .redriven(id: id, target: target)
    }

    /// The original record of `letter`, as it was, plus a `redriven-from` header.
    static func original(of letter: DeadLetter) -> KafkaProducerMessage {
        var headers = letter.headers.map { header in
            KafkaHeader(name: header.name, value: header.value.map(Self.headerBytes))
        }
        headers.append(KafkaHeader(name: DeadLetterRedrive.redrivenFromHeader, string: letter.id))
        return KafkaProducerMessage(
            topic: letter.source.topic, key: letter.key.map { Array($0.utf8) }, value: letter.value, headers: headers)
    }

    /// A header value as kept in a dead letter: UTF-8 text, or `base64:` + base64 for binary.
    private static func headerBytes(_ text: String) -> [UInt8] {
        if text.hasPrefix("base64:"), let data = Data(base64Encoded: String(text.dropFirst("base64:".count))) {
            return Array(data)
        }
        return Array(text.utf8)
    }

    /// Stops following.
    package func close() async {
        await tail.close()
    }

    /// The table, shared with the tail's apply callback.
    private final class TableBox: Sendable {
        let table = Mutex(DeadLetterTable())
    }
}
