import ArgumentParser

/// `syncctl`: the admin CLI of guance-jira-sync (topics, status, replay, dead letters, links,
/// backfill, health, all stages in one process). A production executable: the development
/// commands (demo, simulators, dev broker) are `sync-dev`'s. Each subcommand lives in its own file.
@main
struct SyncCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "syncctl",
        abstract: "Admin CLI for guance-jira-sync: topics, status, replay, dead letters, links, backfill, health, run.",
        discussion: "The demo, the simulators and the dev broker are in the development tool: sync-dev --help.",
        subcommands: [
            TopicsCommand.self,
            StatusCommand.self,
            ReplayCommand.self,
            DlqCommand.self,
            LinksCommand.self,
            BackfillCommand.self,
            HealthCommand.self,
            RunCommand.self,
        ]
    )
}
