import ArgumentParser

/// `sync-dev`: the development tool of guance-jira-sync — the demo, the Guance and Jira simulators,
/// the in-memory dev broker, the four stages on an embedded broker and the benchmarks. It is not part of the
/// production image; operations are `syncctl`. Each subcommand lives in its own file.
@main
struct SyncDev: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync-dev",
        abstract: "Development tool for guance-jira-sync: demo, simulators, dev broker (not for production).",
        subcommands: [
            DemoCommand.self,
            SimCommand.self,
            DevBrokerCommand.self,
            DevRunCommand.self,
            BenchCommand.self,
        ]
    )
}
