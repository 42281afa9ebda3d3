import ArgumentParser

/// `syncctl dev-broker`: hosts librdkafka's in-memory mock cluster for development and tests.
struct DevBrokerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dev-broker",
        abstract: "Run an in-memory Kafka mock cluster (development and tests only)."
    )

    func run() async throws {
        throw ValidationError("not implemented yet")
    }
}
