import AllStages
import ArgumentParser
import Foundation
import KafkaMock
import Logging
import SyncCore

/// `sync-dev run`: `syncctl run` (all four stages in one process) on an in-memory dev broker
/// embedded in the process, for a trial against real Guance and Jira without a Kafka cluster.
struct DevRunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run the four stages in one process on an embedded IN-MEMORY dev broker (a trial; loses everything on exit).",
        discussion: """
            Like `syncctl run` (same configuration, environment, endpoints and exit codes), but Kafka is \
            librdkafka's mock cluster inside this process: --brokers / KAFKA_BROKERS are ignored, and events, \
            links and checkpoints are lost when it stops. Production runs `syncctl run --brokers …` or the four \
            stage executables.
            """
    )

    @OptionGroup var options: AllStagesOptions

    @Option(help: "The topic catalogue directory (the built-in catalogue is used when it does not exist).")
    var topicsDir = "topics"

    func run() async throws {
        let logger = Logger(label: "sync-dev.run.embedded-broker") { StreamLogHandler.standardError(label: $0) }
        let cluster = try KafkaMockCluster(brokers: 1, logger: logger)
        defer { cluster.shutdown() }
        for topic in try TopicCatalog.loadOrBuiltIn(directory: URL(fileURLWithPath: topicsDir)).topics {
            let capped = topic.cappingReplicationFactor(at: 1)
            try cluster.createTopic(capped.name, partitions: capped.partitions, replicationFactor: capped.replicationFactor)
        }
        FileHandle.standardError.write(Data("""
            ************************************************************************************
            WARNING: sync-dev run hosts librdkafka's IN-MEMORY mock cluster inside this process.
            Events, links and checkpoints are LOST when it stops: the next start re-syncs from
            scratch (the writers' label/property look-ups prevent duplicates, but it costs API
            calls). Use `syncctl run --brokers` with a real Kafka for anything beyond a trial.
            ************************************************************************************

            """.utf8))
        try await AllStages.run(options, kafkaOverride: [cluster.bootstrapServers])
    }
}
