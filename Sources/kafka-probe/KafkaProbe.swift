import ArgumentParser

/// `kafka-probe`: a small kcat-like client built on our Kafka library. The Kafka tests run it
/// as a separate OS process (consumer-group members that can be killed); operators can use it
/// to peek at a topic.
@main
struct KafkaProbe: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kafka-probe",
        abstract: "Consume or produce Kafka messages with the guance-jira-sync Kafka library.",
        subcommands: [ConsumeCommand.self, ProduceCommand.self]
    )
}
