import Foundation
import Kafka
import KafkaMock
import Logging
import StageRuntime
import SyncCore

/// Shared set-up of the runtime tests: an in-process mock cluster with the catalogue topics,
/// event builders, and condition polling.
enum StageRuntimeTestSupport {
    static let logger: Logger = {
        var logger = Logger(label: "stage-runtime-tests") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = ProcessInfo.processInfo.environment["TEST_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .error
        return logger
    }()

    /// A mock cluster holding every catalogue topic (`partitions` each).
    static func cluster(partitions: Int = 4) throws -> KafkaMockCluster {
        let cluster = try KafkaMockCluster(brokers: 2, logger: logger)
        for topic in SyncTopic.allCases {
            try cluster.createTopic(topic.name, partitions: partitions)
        }
        return cluster
    }

    static func kafka(_ cluster: KafkaMockCluster, client: String = "test") -> StageKafka {
        StageKafka(brokers: [cluster.bootstrapServers], clientID: client)
    }

    static func producer(_ cluster: KafkaMockCluster) throws -> KafkaProducer {
        try KafkaProducer(configuration: kafka(cluster).producer, logger: logger)
    }

    /// Reply `sequence` of `issue`, as a Guance reply-created event.
    static func reply(issue: String, sequence: Int) -> SyncEvent {
        let change = GuanceReplyChange(
            issueUUID: issue, replyUUID: "\(issue)-r\(sequence)", content: "reply \(sequence)",
            author: GuanceActor(id: "acnt_1", name: "Ada"), createdAt: Date(), updatedAt: nil)
        return SyncEvent(body: .guanceReplyCreated(change), occurredAt: Date(), observedAt: Date())
    }

    /// Every record of `topic`, read from the beginning without a group, until `count` arrived.
    static func records(_ topic: SyncTopic, in cluster: KafkaMockCluster, count: Int, partitions: Int = 4) async throws
        -> [KafkaConsumerMessage]
    {
        var assignment: [KafkaTopicPartition: KafkaStartOffset] = [:]
        for partition in 0..<partitions {
            assignment[KafkaTopicPartition(topic: topic.name, partition: Int32(partition))] = .beginning
        }
        let consumer = try KafkaConsumer(
            configuration: kafka(cluster).reader(purpose: "test"), assignment: assignment, logger: logger)
        let collector = Task {
            var received: [KafkaConsumerMessage] = []
            for try await message in consumer.messages {
                received.append(message)
                if received.count >= count { break }
            }
            return received
        }
        let timer = Task {
            try await Task.sleep(for: .seconds(30))
            collector.cancel()
        }
        defer { timer.cancel() }
        let received = try await collector.value
        await consumer.close()
        return received
    }

    /// Polls `condition` every 20 ms until it holds or `deadline` passes; returns whether it held.
    static func eventually(within deadline: Duration = .seconds(30), _ condition: () async throws -> Bool) async rethrows
        -> Bool
    {
        let end = ContinuousClock.now + deadline
        while ContinuousClock.now < end {
            if try await condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return try await condition()
    }
}
