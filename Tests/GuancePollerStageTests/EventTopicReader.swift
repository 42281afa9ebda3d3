import Foundation
import Kafka
import Logging
import SyncCore

/// Reads every event of `guance.events.v1` published so far (all partitions, from the beginning,
/// without a consumer group).
struct EventTopicReader {
    let bootstrap: String

    func events() async throws -> [SyncEvent] {
        let topic = SyncTopic.guanceEvents.name
        let logger = Logger(label: "test.events")
        let client = KafkaConfiguration(bootstrapServers: [bootstrap], clientID: "guance-poller-tests")
        let admin = try KafkaAdmin(configuration: client, logger: logger)
        let partitions = try await admin.listTopics().first { $0.name == topic }?.partitions.map(\.id) ?? []
        var ends: [Int32: Int64] = [:]
        for partition in partitions {
            let high = try await admin.watermarks(of: KafkaTopicPartition(topic: topic, partition: partition)).high
            if high > 0 { ends[partition] = high }
        }
        await admin.shutdown()
        guard !ends.isEmpty else { return [] }
        var assignment: [KafkaTopicPartition: KafkaStartOffset] = [:]
        for partition in ends.keys { assignment[KafkaTopicPartition(topic: topic, partition: partition)] = .beginning }
        let consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(
                client: client, groupID: "guance-poller-tests.reader", offsetReset: .earliest, autoCommitInterval: nil),
            assignment: assignment, logger: logger)
        var remaining = Set(ends.keys)
        var events: [SyncEvent] = []
        for try await message in consumer.messages {
            if let value = message.value { events.append(try SyncEventCodec.decode(Data(value))) }
            if message.offset + 1 >= ends[message.partition] ?? 0 { remaining.remove(message.partition) }
            if remaining.isEmpty { break }
        }
        await consumer.close()
        return events
    }
}
