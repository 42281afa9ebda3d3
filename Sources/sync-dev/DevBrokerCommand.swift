import ArgumentParser
import Foundation
import KafkaMock
import Logging
import ProcessSupport
import SyncCore

/// `sync-dev dev-broker`: hosts librdkafka's in-memory mock cluster for development and tests.
///
/// Prints the bootstrap servers as the first line of stdout (and writes them to
/// `--bootstrap-file`), creates every topic of the catalogue, then runs until SIGINT/SIGTERM.
struct DevBrokerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev-broker",
        abstract: "Run an in-memory Kafka mock cluster (development and tests only)."
    )

    @Option(help: "Number of mock brokers.")
    var brokers = 3

    @Option(help: "The topic catalogue directory (the built-in catalogue is used when it does not exist).")
    var topicsDir = "topics"

    @Option(help: "Also write the bootstrap servers to this file.")
    var bootstrapFile: String?

    @Option(help: "Serve the control API (broker outages, leader moves) on this 127.0.0.1 port (0 = any free port); its URL is printed as DEV_BROKER_CONTROL=… on stdout.")
    var controlPort: Int?

    @Flag(help: "Log librdkafka's mock-cluster messages to stderr.")
    var verbose = false

    func validate() throws {
        guard brokers >= 1 else { throw ValidationError("--brokers must be at least 1") }
    }

    func run() async throws {
        var logger = Logger(label: "sync-dev.dev-broker") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = verbose ? .info : .warning
        let (brokers, topicsDir, bootstrapFile, controlPort) = (brokers, topicsDir, bootstrapFile, controlPort)
        // The whole run inside the scope: a signal arriving as soon as the address is printed is
        // already handled.
        try await TerminationScope.run(logger: logger) { [logger] in
            let catalog = try TopicCatalog.loadOrBuiltIn(directory: URL(fileURLWithPath: topicsDir))
            let cluster = try KafkaMockCluster(brokers: brokers, logger: logger)
            defer { cluster.shutdown() }
            for topic in catalog.topics {
                let capped = topic.cappingReplicationFactor(at: brokers)
                try cluster.createTopic(capped.name, partitions: capped.partitions, replicationFactor: capped.replicationFactor)
            }
            // The file first: whoever waits for the stdout line may read the file right after.
            if let bootstrapFile {
                try (cluster.bootstrapServers + "\n").write(toFile: bootstrapFile, atomically: true, encoding: .utf8)
            }
            FileHandle.standardOutput.write(Data((cluster.bootstrapServers + "\n").utf8))
            let warning = """
                WARNING: this is librdkafka's IN-MEMORY mock cluster, for development and tests only.
                Nothing is persisted, and it implements only part of the Kafka protocol (no CreateTopics,
                DescribeConfigs or timestamp lookups). Production uses a real Kafka cluster.
                \(brokers) broker(s) on \(cluster.bootstrapServers); topics: \(catalog.topics.map(\.name).joined(separator: ", "))
                Stop with Ctrl-C (SIGINT) or SIGTERM.

                """
            FileHandle.standardError.write(Data(warning.utf8))
            if let controlPort {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        try await DevBrokerControl(cluster: cluster).run(port: controlPort, logger: logger) { url in
                            FileHandle.standardOutput.write(Data("DEV_BROKER_CONTROL=\(url)\n".utf8))
                        }
                    }
                    await TerminationScope.untilCancelled()
                    group.cancelAll()
                }
            } else {
                await TerminationScope.untilCancelled()
            }
        }
        FileHandle.standardError.write(Data("dev-broker stopped\n".utf8))
    }
}
