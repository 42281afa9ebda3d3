import Foundation
import Kafka
import KafkaMock
import Logging
import PipelineTesting
import SyncCore
import Testing

/// Fatal means exit: a guance-poller whose Kafka client hits an error it cannot continue after
/// exits 1 (so its orchestrator restarts it) instead of running on while doing nothing. The
/// broker is a mock cluster in this test process, so the test can inject the errors.
@Suite("guance-poller: unrecoverable Kafka errors end the process", .serialized)
struct FatalKafkaErrorTests {
    /// Kafka API keys and error codes (Kafka protocol).
    static let produceAPI: Int16 = 0
    static let fetchAPI: Int16 = 1
    static let outOfOrderSequence: Int32 = 45
    static let topicAuthorizationFailed: Int32 = 29

    /// A mock cluster in this process with every topic of the catalogue.
    static func cluster() throws -> KafkaMockCluster {
        var logger = Logger(label: "fatal-kafka-tests")
        logger.logLevel = .critical
        let cluster = try KafkaMockCluster(brokers: 1, logger: logger)
        for topic in TopicCatalog.builtIn.topics {
            try cluster.createTopic(topic.name, partitions: topic.partitions)
        }
        return cluster
    }

    /// Waits for the poller's exit (killing it if it does not) and returns its status and log.
    static func exit(of poller: ChildProcess, in setup: PollerDeployment) async throws -> (Int32?, String) {
        let status = try await poller.waitForExit(timeout: .seconds(120))
        if status == nil { poller.kill() }
        return (status, setup.deployment.logLines(of: "guance-poller").joined(separator: "\n"))
    }

    @Test("the idempotent producer out of sequence (a fatal librdkafka error): exit 1")
    func fatalProducerError() async throws {
        try await PollerDeployment.with(requestsPerMinute: 600) { setup in
            let cluster = try Self.cluster()
            // The poller's first produce (its first checkpoint) is answered out of sequence.
            cluster.pushRequestErrors(apiKey: Self.produceAPI, errorCodes: [Self.outOfOrderSequence])
            let poller = try setup.startPoller(extraEnvironment: ["KAFKA_BROKERS": cluster.bootstrapServers])
            let (status, log) = try await Self.exit(of: poller, in: setup)
            cluster.shutdown()
            #expect(status == 1, "exit status \(status.map(String.init) ?? "none: still running, killed")")
            #expect(log.contains("cannot continue") && log.contains("OUT_OF_ORDER_SEQUENCE"), "\(log.suffix(3000))")
        }
    }

    @Test("the checkpoint table's reader denied by the cluster while running: exit 1")
    func tableReaderFails() async throws {
        try await PollerDeployment.with(requestsPerMinute: 600) { setup in
            let cluster = try Self.cluster()
            let poller = try setup.startPoller(extraEnvironment: ["KAFKA_BROKERS": cluster.bootstrapServers])
            let notReady = try await StageProbe(setup.deployment, stage: "guance-poller").waitUntilReady(timeout: .seconds(90))
            #expect(notReady == nil, "/readyz never answered 200: \(notReady ?? "")")
            // Once running, the checkpoint table's reader and the budget exchange's fetch (the read-back
            // runs every minute): enough refusals that the checkpoint reader gets one. The budget
            // reader's failure only turns the exchange off (`BudgetExchangeTests`).
            cluster.pushRequestErrors(apiKey: Self.fetchAPI, errorCodes: Array(repeating: Self.topicAuthorizationFailed, count: 10))
            let (status, log) = try await Self.exit(of: poller, in: setup)
            cluster.shutdown()
            #expect(status == 1, "exit status \(status.map(String.init) ?? "none: still running, killed")")
            #expect(log.contains("reader of sync.checkpoints.v1"), "\(log.suffix(3000))")
        }
    }
}
