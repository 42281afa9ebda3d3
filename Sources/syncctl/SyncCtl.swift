import ArgumentParser

/// `syncctl`: the admin CLI of guance-jira-sync (topics, replay, dead letters, status, the demo
/// and a dev broker). Each subcommand lives in its own file.
@main
struct SyncCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "syncctl",
        abstract: "Admin CLI for guance-jira-sync: dev broker, simulators, topics and operations.",
        subcommands: [
            DevBrokerCommand.self,
            SimCommand.self,
            DemoCommand.self,
            RunCommand.self,
            TopicsCommand.self,
            StatusCommand.self,
            ReplayCommand.self,
            DlqCommand.self,
            LinksCommand.self,
            BackfillCommand.self,
            HealthCommand.self,
        ]
    )
}
