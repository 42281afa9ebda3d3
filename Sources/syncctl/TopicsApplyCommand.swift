import ArgumentParser
import Kafka
import SyncCore

/// `syncctl topics apply`: creates the catalogue's missing topics; idempotent; reports drift it
/// must not fix by itself (partition count, replication factor) with exit code 2.
struct TopicsApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Create the topics of topics/ that the cluster lacks; report drift.",
        discussion: """
            Idempotent: a second run prints "nothing to do" and exits 0. Existing topics are never \
            changed: a partition-count or replication-factor difference is reported as drift (exit 2) \
            with what to do by hand. Topic configs (retention, cleanup policy) are applied when a topic \
            is created and not compared afterwards.

            \(SyncCtlExitCode.helpText)
            """
    )

    @OptionGroup var cluster: BrokerOptions
    @OptionGroup var catalogOptions: TopicsCatalogOptions

    @Flag(help: "Print the plan without creating anything.")
    var dryRun = false

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    /// What `--json` prints.
    struct Report: Encodable {
        var dryRun: Bool
        var topics: [TopicsComparison]
        var created: [String]
        var drift: [String]
        var nothingToDo: Bool
    }

    @Option(help: "Seconds to wait for the cluster's answers.")
    var timeout = 30

    func validate() throws {
        guard timeout >= 1 else { throw ValidationError("--timeout must be at least 1 second") }
    }

    func run() async throws {
        let topics = try catalogOptions.topics()
        let (comparisons, created) = try await cluster.withAdmin(command: "topics apply") { admin in
            let comparisons = TopicsComparison.compare(catalog: topics, cluster: try await admin.listTopics(timeout: .seconds(timeout)))
            let missing = topics.filter { topic in comparisons.contains { $0.topic == topic.name && $0.action == .create } }
            if !json { Console.out(comparisons.table().render()) }
            let created = dryRun || missing.isEmpty ? [] : try await create(missing, with: admin)
            return (comparisons, created)
        }
        let planned = comparisons.filter { $0.action == .create }
        try report(Report(
            dryRun: dryRun, topics: comparisons, created: created, drift: comparisons.problemLines,
            nothingToDo: planned.isEmpty && comparisons.problemLines.isEmpty
        ))
    }

    private func create(_ topics: [TopicDefinition], with admin: KafkaAdmin) async throws -> [String] {
        let specifications = topics.map {
            KafkaTopicSpecification(name: $0.name, partitions: $0.partitions, replicationFactor: $0.replicationFactor, configs: $0.configs)
        }
        do {
            let outcome = try await admin.createTopics(specifications, timeout: .seconds(timeout))
            return outcome.filter { $0.value == .created }.map(\.key).sorted()
        } catch let error as KafkaError where error.isUnsupportedByBroker || error.codeName == "_TIMED_OUT" {
            // librdkafka's mock cluster (`sync-dev dev-broker`) never answers CreateTopics.
            Console.error(
                "syncctl topics apply: the cluster did not create \(topics.map(\.name).joined(separator: ", ")): \(error). "
                    + "A librdkafka mock cluster (`sync-dev dev-broker`) cannot create topics; it creates the catalogue itself.\n")
            throw SyncCtlExitCode.failure
        }
    }

    private func report(_ report: Report) throws {
        if json {
            try Console.json(report)
        } else {
            for line in report.drift { Console.out("drift: \(line)\n") }
            if report.nothingToDo {
                Console.out("nothing to do: the cluster has every topic of topics/ as declared\n")
            } else if report.dryRun {
                let planned = report.topics.filter { $0.action == .create }.map(\.topic)
                Console.out(planned.isEmpty ? "dry run: nothing to create\n" : "dry run: would create \(planned.joined(separator: ", "))\n")
            } else if !report.created.isEmpty {
                Console.out("created \(report.created.joined(separator: ", "))\n")
            }
        }
        if !report.drift.isEmpty { throw SyncCtlExitCode.unfixableDrift }
    }
}
