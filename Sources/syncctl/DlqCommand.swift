import ArgumentParser
import Foundation
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
        try await options.withTopicTable(
            open: { try await DeadLetterQueue(kafka: $0, producer: $1, logger: options.logger) }, close: { await $0.close() },
            body)
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
