import ArgumentParser
import Foundation
import Kafka
import SyncCore
import SyncOps

/// `syncctl dlq`: inspect dead letters and send them back once the cause is fixed.
struct DlqCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dlq",
        abstract: "Inspect and redrive dead letters (sync.dead-letters.v1).",
        subcommands: [DlqListCommand.self, DlqShowCommand.self, DlqRedriveCommand.self]
    )

    /// Opens the dead-letter topic, runs `body`, and closes everything.
    static func withQueue<T>(
        _ options: OutputOptions, _ body: (DeadLetterQueue) async throws -> T
    ) async throws -> T {
        let kafka = try options.kafka()
        let producer = try KafkaProducer(configuration: kafka.producer, logger: options.logger)
        do {
            let queue = try await DeadLetterQueue(kafka: kafka, producer: producer, logger: options.logger)
            do {
                let result = try await body(queue)
                await queue.close()
                await producer.shutdown()
                return result
            } catch {
                await queue.close()
                throw error
            }
        } catch {
            await producer.shutdown()
            throw error
        }
    }

    /// A dead letter's list row.
    static func row(_ letter: DeadLetter) -> [String] {
        [
            letter.id, DlqShowCommand.timestamp(letter.failedAt), letter.writer,
            "\(letter.reason.code): \(letter.reason.message)",
            "\(letter.source.topic)/\(letter.source.partition)@\(letter.source.offset)", letter.key ?? "-",
        ]
    }
}
