import ArgumentParser

/// `syncctl topics`: compares the topic catalogue in `topics/` with a cluster and creates what is missing.
struct TopicsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topics",
        abstract: "Create the catalogue's topics on a cluster and report drift (apply, list).",
        subcommands: [TopicsApplyCommand.self, TopicsListCommand.self]
    )
}
