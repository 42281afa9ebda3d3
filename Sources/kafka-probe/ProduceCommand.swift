import ArgumentParser
import Dispatch
import Foundation
import Kafka
import Logging

/// `kafka-probe produce`: sends each stdin line `key<TAB>value` (or just `value`) and prints
/// `ACK <partition> <offset>` once the cluster acknowledged it.
struct ProduceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "produce",
        abstract: "Produce stdin lines (key<TAB>value) to a topic, waiting for each acknowledgement."
    )

    @Option(help: "Bootstrap servers, host:port[,host:port…].")
    var bootstrapServers: String

    @Option(help: "The topic to produce to.")
    var topic: String

    func run() async throws {
        var logger = Logger(label: "kafka-probe") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = .error
        let producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(
                client: KafkaConfiguration(bootstrapServers: [bootstrapServers], clientID: "kafka-probe")
            ),
            logger: logger
        )
        while let line = await Self.readLineOffPool() {
            let parts = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
            let key = parts.count == 2 ? String(parts[0]) : nil
            let value = String(parts.last ?? "")
            let report = try await producer.send(KafkaProducerMessage(topic: topic, key: key, value: value))
            emit("ACK \(report.partition) \(report.offset)")
        }
        await producer.shutdown()
    }

    /// `readLine()` blocks, so it runs on a dispatch thread, not on the cooperative pool.
    private static func readLineOffPool() async -> String? {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: readLine()) }
        }
    }
}
