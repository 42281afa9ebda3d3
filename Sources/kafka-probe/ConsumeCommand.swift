import ArgumentParser
import Foundation
import Kafka
import Logging
import ProcessSupport

/// `kafka-probe consume`: joins a consumer group and prints one line per event, flushed:
/// `ASSIGNED t[0],t[1]` when the assignment changes, `MSG <partition> <offset> <key> <value>`
/// per message, `COMMITTED <partition> <offset>` after a commit. SIGTERM/SIGINT close the
/// consumer gracefully (leave the group, commit stored offsets) and exit 0.
struct ConsumeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consume",
        abstract: "Consume a topic as a consumer-group member, printing one line per message."
    )

    /// What happens after a message was printed.
    enum AfterHandling: String, ExpressibleByArgument, CaseIterable, Sendable {
        /// Nothing: the offset is neither stored nor committed.
        case nothing
        /// Store the offset (committed by auto-commit if enabled, on revoke and on close).
        case store
        /// Store the offset and commit synchronously.
        case commit
    }

    @Option(help: "Bootstrap servers, host:port[,host:port…].")
    var bootstrapServers: String

    @Option(help: "The topic to consume.")
    var topic: String

    @Option(help: "The consumer group.")
    var group: String

    @Option(help: "After each message: \(AfterHandling.allCases.map(\.rawValue).joined(separator: ", ")).")
    var after: AfterHandling = .commit

    @Option(help: "Auto-commit interval in ms (0 disables auto-commit).")
    var autoCommitMs: Int = 0

    @Option(help: "Session timeout in ms.")
    var sessionTimeoutMs: Int = 3000

    @Flag(help: "Log librdkafka warnings to stderr.")
    var verbose = false

    func run() async throws {
        let logger = Self.makeLogger(verbose: verbose)
        let configuration = KafkaConsumerConfiguration(
            client: KafkaConfiguration(bootstrapServers: [bootstrapServers], clientID: "kafka-probe"),
            groupID: group,
            sessionTimeout: .milliseconds(sessionTimeoutMs),
            heartbeatInterval: .milliseconds(max(100, sessionTimeoutMs / 10)),
            maxPollInterval: .milliseconds(max(sessionTimeoutMs * 2, 6000)),
            autoCommitInterval: autoCommitMs > 0 ? .milliseconds(autoCommitMs) : nil
        )
        let consumer = try KafkaConsumer(configuration: configuration, topics: [topic], logger: logger)
        let after = after
        // Consumes until SIGTERM/SIGINT, which cancel the work; then the consumer leaves the group.
        try await TerminationScope.run(logger: logger) {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await Self.reportAssignments(of: consumer) }
                group.addTask {
                    do {
                        try await Self.consumeMessages(consumer, after: after)
                    } catch {
                        logger.error("consume failed: \(error)")
                    }
                }
                // The assignment reporter runs until the signal cancels it.
                await group.waitForAll()
            }
        }
        await consumer.close()
        emit("CLOSED")
    }

    private static func makeLogger(verbose: Bool) -> Logger {
        var logger = Logger(label: "kafka-probe") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = verbose ? .info : .error
        return logger
    }

    private static func consumeMessages(_ consumer: KafkaConsumer, after: AfterHandling) async throws {
        for try await message in consumer.messages {
            emit("MSG \(message.partition) \(message.offset) \(message.keyString ?? "-") \(message.valueString ?? "-")")
            switch after {
            case .nothing:
                continue
            case .store:
                try consumer.storeOffset(message)
            case .commit:
                guard try consumer.storeOffset(message) else { continue }
                try await consumer.commit()
                emit("COMMITTED \(message.partition) \(message.offset + 1)")
            }
        }
    }

    private static func reportAssignments(of consumer: KafkaConsumer) async {
        var last: Set<KafkaTopicPartition>?
        while !Task.isCancelled {
            let current = consumer.assignedPartitions
            if current != last {
                emit("ASSIGNED " + current.sorted { $0.partition < $1.partition }.map(\.description).joined(separator: ","))
                last = current
            }
            try? await Task.sleep(for: .milliseconds(50))
        }
    }
}

/// Writes one line to stdout and flushes it (the parent process reads it line by line).
func emit(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
