import Foundation
import Kafka
import KafkaMock
import Logging
import PipelineTesting
import StageRuntime
import SyncCore
import Testing

/// Fatal means exit: a guance-writer whose Kafka producer hits a fatal error exits 1 (so its
/// orchestrator restarts it), instead of retrying a dead producer forever while looking healthy.
@Suite("guance-writer: a fatal Kafka error ends the process")
struct FatalKafkaErrorTests {
    @Test("the idempotent producer out of sequence while dead-lettering: exit 1")
    func fatalProducerError() async throws {
        try await WriterDeployment.with { setup in
            var logger = Logger(label: "fatal-kafka-tests")
            logger.logLevel = .critical
            let cluster = try KafkaMockCluster(brokers: 1, logger: logger)
            for topic in TopicCatalog.builtIn.topics {
                try cluster.createTopic(topic.name, partitions: topic.partitions)
            }
            // An undecodable record: the writer dead-letters it, its first produce.
            let kafka = StageKafka(brokers: [cluster.bootstrapServers], clientID: "fatal-kafka-tests")
            let producer = try KafkaProducer(configuration: kafka.producer, logger: logger)
            _ = try await producer.send(KafkaProducerMessage(
                topic: SyncTopic.jiraEvents.name, key: Array("10001".utf8), value: Array("not an event".utf8)))
            await producer.shutdown()
            // Produce (API 0) answered OUT_OF_ORDER_SEQUENCE_NUMBER (45): fatal for the idempotent producer.
            cluster.pushRequestErrors(apiKey: 0, errorCodes: [45])
            let writer = try setup.startWriter(environment: ["KAFKA_BROKERS": cluster.bootstrapServers])
            let status = try await writer.waitForExit(timeout: .seconds(120))
            if status == nil { writer.kill() }
            cluster.shutdown()
            let log = setup.deployment.logLines(of: "guance-writer").joined(separator: "\n")
            #expect(status == 1, "exit status \(status.map(String.init) ?? "none: still running, killed")")
            #expect(log.contains("cannot continue") && log.contains("OUT_OF_ORDER_SEQUENCE"), "\(log.suffix(3000))")
        }
    }
}
