import ArgumentParser
import Foundation
import GuancePollerStage
import GuanceWriterStage
import JiraPollerStage
import JiraWriterStage
import Kafka
import Logging
import StageRuntime
import SyncCore

/// `syncctl run`: all four stages in one process, for small installs.
///
/// Uses the real Guance and Jira endpoints of the configuration file and either `--brokers`
/// (`KAFKA_BROKERS`) or, with `--embedded-broker`, an in-memory dev broker inside this process.
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run guance-poller, jira-writer, jira-poller and guance-writer in one process.",
        discussion: """
            Same configuration, environment and endpoints (/healthz, /readyz, /metrics) as the four executables. \
            Exit codes: 0 stopped cleanly (SIGTERM/SIGINT), 1 runtime failure, 64 usage, 78 configuration problem.
            """
    )

    @OptionGroup var options: StageOptions

    @Flag(help: "Run an IN-MEMORY dev broker inside this process instead of connecting to Kafka (loses everything on exit).")
    var embeddedBroker = false

    @Option(help: "Only these stages (comma-separated): guance-poller, jira-writer, jira-poller, guance-writer.")
    var stages = RunCommand.allStages.map(\.name).joined(separator: ",")

    static var allStages: [StageDefinition] {
        [
            StageDefinition(name: GuancePollerStage.name, check: GuancePollerStage.check, body: GuancePollerStage.run),
            StageDefinition(name: JiraWriterStage.name, check: JiraWriterStage.check, body: JiraWriterStage.run),
            StageDefinition(name: JiraPollerStage.name, check: JiraPollerStage.check, body: JiraPollerStage.run),
            StageDefinition(name: GuanceWriterStage.name, check: GuanceWriterStage.check, body: GuanceWriterStage.run),
        ]
    }

    func validate() throws {
        let names = Set(Self.allStages.map(\.name))
        let wanted = stages.split(separator: ",").map(String.init)
        guard !wanted.isEmpty, wanted.allSatisfy(names.contains) else {
            throw ValidationError("--stages: a comma-separated subset of \(names.sorted().joined(separator: ", "))")
        }
    }

    func run() async throws {
        let wanted = Set(stages.split(separator: ",").map(String.init))
        let selected = Self.allStages.filter { wanted.contains($0.name) }
        var cluster: KafkaMockCluster?
        if embeddedBroker {
            let logger = Logger(label: "syncctl.run.embedded-broker") { StreamLogHandler.standardError(label: $0) }
            let mock = try KafkaMockCluster(brokers: 1, logger: logger)
            for topic in try TopicCatalog.loadOrBuiltIn(directory: URL(fileURLWithPath: "topics")).topics {
                let capped = topic.cappingReplicationFactor(at: 1)
                try mock.createTopic(capped.name, partitions: capped.partitions, replicationFactor: capped.replicationFactor)
            }
            FileHandle.standardError.write(Data("""
                ************************************************************************************
                WARNING: --embedded-broker runs librdkafka's IN-MEMORY mock cluster inside this process.
                Events, links and checkpoints are LOST when it stops: the next start re-syncs from
                scratch (the writers' label/property look-ups prevent duplicates, but it costs API
                calls). Use --brokers with a real Kafka for anything beyond a trial.
                ************************************************************************************

                """.utf8))
            cluster = mock
        }
        let code = await StageHost.run(
            stages: selected, options: options, kafkaOverride: cluster.map { [$0.bootstrapServers] })
        cluster?.shutdown()
        if code != 0 { throw ExitCode(code) }
    }
}
