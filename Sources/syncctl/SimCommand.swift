import ArgumentParser

/// `syncctl sim`: runs the Guance and Jira simulators.
struct SimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim",
        abstract: "Run the Guance and Jira API simulators on 127.0.0.1."
    )

    func run() async throws {
        throw ValidationError("not implemented yet")
    }
}
