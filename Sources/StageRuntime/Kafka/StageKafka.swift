import Foundation
import Kafka
import Logging

/// Kafka client settings shared by every stage, built from one broker list.
///
/// Producers are idempotent with `acks=all` (an acknowledged event is on every in-sync replica);
/// consumers never store offsets automatically: the stages store them after the effect is durable.
package struct StageKafka: Sendable {
    /// Bootstrap servers, `host:port`.
    package var brokers: [String]
    /// Client id prefix, usually the executable name (shows up in broker logs and metrics).
    package var clientID: String
    /// Extra librdkafka properties (e.g. `security.protocol`), passed through unchanged.
    package var additionalProperties: [String: String]
    /// Where every client configured here reports a fatal error, and table readers a failure
    /// they cannot continue after (the host ends the process on the first one).
    package var health: StageHealth

    /// Creates settings.
    package init(
        brokers: [String], clientID: String, additionalProperties: [String: String] = [:],
        health: StageHealth = StageHealth()
    ) {
        self.brokers = brokers
        self.clientID = clientID
        self.additionalProperties = additionalProperties
        self.health = health
    }

    /// Parses a comma-separated broker list (`a:9092,b:9092`).
    package static func parseBrokers(_ list: String) -> [String] {
        list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Client settings.
    package var client: KafkaConfiguration {
        let health = health
        return KafkaConfiguration(
            bootstrapServers: brokers, clientID: clientID,
            fatalErrorHandler: { error in health.fail("kafka", reason: error.description) },
            additionalProperties: additionalProperties)
    }

    /// Settings of the stage's producer.
    package var producer: KafkaProducerConfiguration {
        KafkaProducerConfiguration(client: client, linger: .milliseconds(5))
    }

    /// Settings of a consumer-group member (a writer).
    /// - Parameters:
    ///   - group: the consumer group.
    ///   - maxPollInterval: how long one poll batch may take to hand out before the member is
    ///     considered dead (librdkafka's mock cluster also uses it as the rebalance timeout).
    package func groupConsumer(group: String, maxPollInterval: Duration = .seconds(300)) -> KafkaConsumerConfiguration {
        KafkaConsumerConfiguration(
            client: client, groupID: group, offsetReset: .earliest, sessionTimeout: min(KafkaConsumerConfiguration.defaultSessionTimeout, maxPollInterval / 2),
            heartbeatInterval: min(.seconds(1), maxPollInterval / 20), maxPollInterval: maxPollInterval, autoCommitInterval: .seconds(1)
        )
    }

    /// Settings of a reader of fixed partitions (no group membership, never commits).
    package func reader(purpose: String) -> KafkaConsumerConfiguration {
        KafkaConsumerConfiguration(
            client: client, groupID: "\(clientID).\(purpose).reader", offsetReset: .earliest, autoCommitInterval: nil,
            queuedMaxMessagesKilobytes: 4096, queuedMinMessages: 1000, pollBatchSize: 512
        )
    }
}
