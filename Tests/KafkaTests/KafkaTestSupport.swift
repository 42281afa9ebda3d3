import Foundation
import Kafka
import KafkaMock
import Logging

/// Shared helpers for the Kafka tests: unique names, a quiet logger, client factories and
/// condition polling (never fixed sleeps as assertions).
enum KafkaTestSupport {
    /// A logger that prints warnings and worse (librdkafka's own log lines included).
    static let logger: Logger = {
        var logger = Logger(label: "kafka-tests") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = .error
        return logger
    }()

    /// A name unique to this test run: `prefix-<random>`.
    static func uniqueName(_ prefix: String) -> String {
        "\(prefix)-\(UInt32.random(in: 0...UInt32.max))"
    }

    /// Producer settings for `cluster`.
    static func producerConfiguration(_ cluster: KafkaMockCluster) -> KafkaProducerConfiguration {
        KafkaProducerConfiguration(
            client: KafkaConfiguration(bootstrapServers: [cluster.bootstrapServers], clientID: "test-producer"),
            messageTimeout: .seconds(60)
        )
    }

    /// Consumer settings for `cluster` (short session timeout so tests stay quick). The max poll
    /// interval is also the group's rebalance timeout, which the mock cluster waits out when a
    /// member re-joins a group another member just left: keep it short too.
    static func consumerConfiguration(_ cluster: KafkaMockCluster, group: String) -> KafkaConsumerConfiguration {
        KafkaConsumerConfiguration(
            client: KafkaConfiguration(bootstrapServers: [cluster.bootstrapServers], clientID: "test-consumer"),
            groupID: group,
            sessionTimeout: .seconds(3),
            heartbeatInterval: .milliseconds(300),
            maxPollInterval: .seconds(6),
            autoCommitInterval: nil
        )
    }

    /// Polls `condition` every 50 ms until it holds or `deadline` passes; returns whether it held.
    static func eventually(
        within deadline: Duration = .seconds(30),
        _ condition: () async throws -> Bool
    ) async rethrows -> Bool {
        let clock = ContinuousClock()
        let end = clock.now + deadline
        while clock.now < end {
            if try await condition() { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return try await condition()
    }

    /// Reads `count` messages from `consumer` (storing each offset), failing after `deadline`.
    static func consume(
        _ count: Int,
        from consumer: KafkaConsumer,
        within deadline: Duration = .seconds(30)
    ) async throws -> [KafkaConsumerMessage] {
        try await withThrowingTaskGroup(of: [KafkaConsumerMessage]?.self) { group in
            group.addTask {
                var received: [KafkaConsumerMessage] = []
                for try await message in consumer.messages {
                    received.append(message)
                    try consumer.storeOffset(message)
                    if received.count == count { break }
                }
                return received
            }
            group.addTask {
                try? await Task.sleep(for: deadline)
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return first ?? []
        }
    }
}
