import ArgumentParser
import Foundation
import Kafka
import KafkaMock
import Logging

/// `kafka-bench`: produces and consumes N messages of 1 KiB through an in-process mock
/// cluster with our Kafka library, then does the same with `kcat` against the same cluster,
/// and prints throughput, send-to-ack latency and the ratio ours/kcat.
///
/// Run it as a release build: `swift run -c release kafka-bench --messages 100000`.
@main
struct KafkaBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kafka-bench",
        abstract: "Benchmark the Kafka library against kcat on a mock cluster."
    )

    @Option(help: "How many messages to produce and consume.")
    var messages = 100_000

    @Option(help: "Message size in bytes.")
    var size = 1024

    /// librdkafka's mock cluster retains only about 5 MB per partition (older message sets are
    /// dropped), so 100 000 × 1 KiB needs at least 20 partitions to be consumed in full.
    @Option(help: "Partitions of the benchmark topics (the mock keeps ~5 MB per partition).")
    var partitions = 24

    @Option(help: "The kcat executable.")
    var kcat = "kcat"

    @Flag(help: "Run kcat before our client (the first client meets a fresh cluster).")
    var kcatFirst = false

    @Flag(help: "Log librdkafka's info messages to stderr.")
    var verbose = false

    func run() async throws {
        var logger = Logger(label: "kafka-bench") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = verbose ? .info : .error
        let cluster = try KafkaMockCluster(brokers: 3, logger: logger)
        defer { cluster.shutdown() }
        let ourTopic = "bench-ours-\(UInt32.random(in: 0...UInt32.max))"
        let kcatTopic = "bench-kcat-\(UInt32.random(in: 0...UInt32.max))"
        let plainTopic = "bench-plain-\(UInt32.random(in: 0...UInt32.max))"
        try cluster.createTopic(ourTopic, partitions: partitions, replicationFactor: 1)
        try cluster.createTopic(kcatTopic, partitions: partitions, replicationFactor: 1)
        try cluster.createTopic(plainTopic, partitions: partitions, replicationFactor: 1)
        report("mock cluster \(cluster.bootstrapServers), \(messages) messages of \(size) B, \(partitions) partitions")

        let runner = BenchRunner(bootstrapServers: cluster.bootstrapServers, messageCount: messages, messageSize: size, logger: logger)
        let ours: BenchPair
        let theirs: BenchPair
        if kcatFirst {
            theirs = try await KcatRunner(executable: kcat, runner: runner).run(topic: kcatTopic)
            ours = try await runner.runOurs(topic: ourTopic)
        } else {
            ours = try await runner.runOurs(topic: ourTopic)
            theirs = try await KcatRunner(executable: kcat, runner: runner).run(topic: kcatTopic)
        }

        let plain = try await runner.produceLikeKcat(topic: plainTopic)

        report(ours.produce.line(label: "ours produce (keyed, per-message delivery callbacks)"))
        report(plain.line(label: "ours produce (kcat's workload: keyless, fire-and-forget)"))
        report(ours.consume.line(label: "ours consume"))
        report(theirs.produce.line(label: "kcat produce"))
        report(theirs.consume.line(label: "kcat consume"))
        report(String(
            format: "ratio ours/kcat: produce %.2f (kcat's workload) / %.2f (keyed with callbacks), consume %.2f",
            plain.messagesPerSecond / theirs.produce.messagesPerSecond,
            ours.produce.messagesPerSecond / theirs.produce.messagesPerSecond,
            ours.consume.messagesPerSecond / theirs.consume.messagesPerSecond
        ))
    }
}
