import Foundation
import Kafka
import Logging
import StageRuntime
import SyncCore

/// Gathers a ``StatusReport`` from the cluster: group lag from the brokers, links, checkpoints
/// and dead letters by reading their topics.
package struct StatusCollector: Sendable {
    /// The writer groups and the topic each consumes.
    package static let defaultGroups: [(group: String, topic: String)] = [
        ("guance-jira-sync.jira-writer", SyncTopic.guanceEvents.name),
        ("guance-jira-sync.guance-writer", SyncTopic.jiraEvents.name),
    ]

    private let kafka: StageKafka
    private let logger: Logger

    /// Creates a collector.
    package init(kafka: StageKafka, logger: Logger) {
        self.kafka = kafka
        self.logger = logger
    }

    /// The topic a group consumes: the default writer groups' own, else both event topics.
    package static func topics(ofGroup group: String) -> [String] {
        let known = defaultGroups.filter { $0.group == group }.map(\.topic)
        return known.isEmpty ? [SyncTopic.guanceEvents.name, SyncTopic.jiraEvents.name] : known
    }

    /// Collects the report.
    /// - Parameters:
    ///   - groups: the groups and topics to measure.
    ///   - staleAfter: seconds after which a checkpoint is stale.
    package func collect(groups: [(group: String, topic: String)], staleAfter: TimeInterval) async throws -> StatusReport {
        let admin = try KafkaAdmin(configuration: kafka.client, logger: logger)
        let producer = try KafkaProducer(configuration: kafka.producer, logger: logger)
        do {
            var lags: [StatusReport.Group] = []
            for (group, topic) in groups {
                let partitions = try await admin.lag(group: group, topic: topic).map { lag in
                    StatusReport.PartitionLag(
                        partition: lag.topicPartition.partition, committed: lag.committedOffset, end: lag.highWatermark,
                        lag: lag.lag)
                }
                lags.append(StatusReport.Group(group: group, topic: topic, partitions: partitions.sorted { $0.partition < $1.partition }))
            }
            let links = try await LinkStore(kafka: kafka, producer: producer, logger: logger)
            try await links.catchUp()
            let table = links.table
            await links.close()
            let checkpointStore = try await CheckpointStore(kafka: kafka, producer: producer, logger: logger)
            // One line per poller: item records carry no cursor or age of their own.
            let checkpoints = checkpointStore.all.filter { !PollerCheckpointLayout.isItemScope($0.scope) }
            await checkpointStore.close()
            let queue = try await DeadLetterQueue(kafka: kafka, producer: producer, logger: logger)
            let deadLetters = queue.snapshot
            await queue.close()
            await producer.shutdown()
            await admin.shutdown()
            return StatusReport(
                groups: lags, links: table, deadLetters: deadLetters, checkpoints: checkpoints, staleAfter: staleAfter,
                now: Date())
        } catch {
            await producer.shutdown()
            await admin.shutdown()
            throw error
        }
    }
}
