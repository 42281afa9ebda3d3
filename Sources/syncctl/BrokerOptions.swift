import ArgumentParser
import Foundation
import Kafka
import Logging

/// `--brokers` (or `$KAFKA_BROKERS`), shared by the commands that talk to a Kafka cluster.
struct BrokerOptions: ParsableArguments {
    @Option(help: "Bootstrap servers, host:port[,host:port…] (default: $KAFKA_BROKERS).")
    var brokers: String?

    func validate() throws {
        _ = try bootstrapServers()
    }

    /// The bootstrap servers from the flag or the environment.
    func bootstrapServers() throws -> [String] {
        let value = brokers ?? ProcessInfo.processInfo.environment["KAFKA_BROKERS"] ?? ""
        let servers = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !servers.isEmpty else { throw ValidationError("no Kafka brokers: pass --brokers or set KAFKA_BROKERS") }
        return servers
    }

    /// An admin client for the cluster, logging librdkafka warnings to stderr.
    func makeAdmin(label: String) throws -> KafkaAdmin {
        var logger = Logger(label: label) { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = .warning
        let configuration = KafkaConfiguration(bootstrapServers: try bootstrapServers(), clientID: "syncctl", socketTimeout: .seconds(30))
        return try KafkaAdmin(configuration: configuration, logger: logger)
    }
}
