import Foundation
import Kafka
import Logging

/// The largest record (key + value + headers, bytes) of every topic on a cluster, read from the
/// beginning to the high watermarks at the call: the benchmark's "no record over 256 kB" check.
enum TopicRecordSizes {
    /// Per topic: the largest record's size, the record count and the largest record's key.
    struct Largest: Sendable {
        var bytes = 0
        var records = 0
        var key = ""
    }

    static func measure(bootstrap: String, timeout: Duration = .seconds(120)) async throws -> [String: Largest] {
        let logger = Logger(label: "sync-dev.record-sizes") { _ in SwiftLogNoOpLogHandler() }
        let client = KafkaConfiguration(
            bootstrapServers: bootstrap.split(separator: ",").map(String.init), clientID: "sync-dev-record-sizes")
        let admin = try KafkaAdmin(configuration: client, logger: logger)
        var targets: [KafkaTopicPartition: Int64] = [:]
        for topic in try await admin.listTopics() where !topic.name.hasPrefix("__") {
            for partition in topic.partitions {
                let tp = KafkaTopicPartition(topic: topic.name, partition: partition.id)
                let high = try await admin.watermarks(of: tp).high
                if high > 0 { targets[tp] = high }
            }
        }
        await admin.shutdown()
        var result: [String: Largest] = [:]
        guard !targets.isEmpty else { return result }
        let consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(client: client, groupID: "sync-dev-record-sizes", autoCommitInterval: nil),
            assignment: targets.mapValues { _ in .beginning }, logger: logger)
        let deadline = ContinuousClock.now + timeout
        var remaining = targets
        let reader = Task { () throws -> [String: Largest] in
            var sizes: [String: Largest] = [:]
            for try await message in consumer.messages {
                let bytes = (message.key?.count ?? 0) + (message.value?.count ?? 0)
                    + message.headers.reduce(0) { $0 + $1.name.utf8.count + ($1.value?.count ?? 0) }
                var largest = sizes[message.topic] ?? Largest()
                largest.records += 1
                if bytes > largest.bytes {
                    largest.bytes = bytes
                    largest.key = message.keyString ?? ""
                }
                sizes[message.topic] = largest
                let tp = message.topicPartition
                if let high = remaining[tp], message.offset + 1 >= high { remaining[tp] = nil }
                if remaining.isEmpty || ContinuousClock.now > deadline { break }
            }
            return sizes
        }
        result = try await reader.value
        await consumer.close()
        return result
    }
}
