import ArgumentParser

/// `syncctl topics list`: the catalogue's topics next to the cluster's, read-only.
struct TopicsListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the catalogue's and the cluster's topics side by side (read-only).",
        discussion: """
            Partition and replication columns read `cluster (want catalogue)` when they differ. \
            Exits 0 whatever the drift (use `topics apply --dry-run` to gate on it).

            \(SyncCtlExitCode.helpText)
            """
    )

    @OptionGroup var cluster: BrokerOptions
    @OptionGroup var catalogOptions: TopicsCatalogOptions

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func run() async throws {
        let topics = try catalogOptions.topics()
        let metadata = try await cluster.withAdmin(command: "topics list") { admin in try await admin.listTopics() }
        let comparisons = TopicsComparison.compare(catalog: topics, cluster: metadata)
        if json {
            try Console.json(comparisons)
        } else {
            Console.out(comparisons.table().render())
            for line in comparisons.problemLines { Console.out("drift: \(line)\n") }
        }
    }
}
