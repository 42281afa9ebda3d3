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
            Same configuration, environment and endpoints (/healthz, /readyz, /metrics; the webhook listener \
            when JIRA_WEBHOOK_SECRET is set) as the four executables. \
            Exit codes: 0 stopped cleanly (SIGTERM/SIGINT), 1 runtime failure, 64 usage, 78 configuration problem.
            """
    )

    @OptionGroup var options: StageOptions
    @OptionGroup var webhookOptions: WebhookListenerOptions

    @Flag(help: "Run an IN-MEMORY dev broker inside this process instead of connecting to Kafka (loses everything on exit).")
    var embeddedBroker = false

    @Option(help: "Only these stages (comma-separated): guance-poller, jira-writer, jira-poller, guance-writer.")
    var stages = RunCommand.stageNames.joined(separator: ",")

    static let stageNames = [GuancePollerStage.name, JiraWriterStage.name, JiraPollerStage.name, GuanceWriterStage.name]

    /// The four stages; the jira-poller's webhook nudges go through `trigger`/`receiver`.
    static func allStages(trigger: PollTrigger, receiver: JiraWebhookReceiver?) -> [StageDefinition] {
        [
            StageDefinition(name: GuancePollerStage.name, series: GuancePollerStage.series, check: GuancePollerStage.check, body: GuancePollerStage.run),
            StageDefinition(name: JiraWriterStage.name, series: JiraWriterStage.series, check: JiraWriterStage.check, body: JiraWriterStage.run),
            StageDefinition(name: JiraPollerStage.name, series: JiraPollerStage.series, check: JiraPollerStage.check) { context in
                try await JiraPollerStage.run(context, trigger: trigger, receiver: receiver)
            },
            StageDefinition(name: GuanceWriterStage.name, series: GuanceWriterStage.series, check: GuanceWriterStage.check) { context in
                try await GuanceWriterStage.run(context)
            },
        ]
    }

    func validate() throws {
        let names = Set(Self.stageNames)
        let wanted = stages.split(separator: ",").map(String.init)
        guard !wanted.isEmpty, wanted.allSatisfy(names.contains) else {
            throw ValidationError("--stages: a comma-separated subset of \(names.sorted().joined(separator: ", "))")
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let wanted = Set(stages.split(separator: ",").map(String.init))
        let trigger = PollTrigger()
        let webhook: (listener: StageListener, receiver: JiraWebhookReceiver)?
        do {
            webhook = wanted.contains(JiraPollerStage.name)
                ? try JiraPollerStage.webhook(options: webhookOptions, environment: environment, trigger: trigger) : nil
        } catch {
            StageHost.printProblems(["\(error)"])
            throw ExitCode(StageExitCode.configuration)
        }
        let selected = Self.allStages(trigger: trigger, receiver: webhook?.receiver).filter { wanted.contains($0.name) }
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
        let brokers: [String]? = cluster.map { [$0.bootstrapServers] }
        let code = await StageHost.run(
            stages: selected, options: options, environment: environment, kafkaOverride: brokers,
            listeners: webhook.map { [$0.listener] } ?? [])
        cluster?.shutdown()
        if code != 0 { throw ExitCode(code) }
    }
}
