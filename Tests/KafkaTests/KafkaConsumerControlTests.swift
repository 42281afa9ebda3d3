import Kafka
import KafkaMock
import Synchronization
import Testing

@Suite("Consumer seek, pause and resume", .serialized)
struct KafkaConsumerControlTests {
    @Test("seek re-reads a partition from an earlier offset; a paused partition resumes where it stopped")
    func seekPauseResume() async throws {
        let cluster = try KafkaMockCluster(brokers: 2, logger: KafkaTestSupport.logger)
        defer { cluster.shutdown() }
        let (topic, producer, consumer) = try await Self.singlePartitionTopic("seek", messages: 6, on: cluster)
        let firstPass = try await KafkaTestSupport.consume(6, from: consumer)
        #expect(firstPass.compactMap(\.valueString) == (0..<6).map { "m\($0)" })

        let partition = KafkaTopicPartition(topic: topic, partition: 0)
        #expect(consumer.assignedPartitions == [partition])
        try await consumer.seek(partition, to: 2)
        let replay = try await KafkaTestSupport.consume(4, from: consumer)
        #expect(replay.map(\.offset) == [2, 3, 4, 5])

        try consumer.pause([partition])
        _ = try await producer.send(KafkaProducerMessage(topic: topic, key: nil, value: "m6"))
        // While paused nothing arrives (the sequence is polled for a while and comes back empty).
        let whilePaused = try await withThrowingTaskGroup(of: KafkaConsumerMessage?.self) { group in
            group.addTask {
                var iterator = consumer.messages.makeAsyncIterator()
                return try await iterator.next()
            }
            group.addTask {
                try await Task.sleep(for: .seconds(2))
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return first
        }
        #expect(whilePaused == nil, "a paused partition delivered \(whilePaused?.valueString ?? "")")
        try consumer.resume([partition])
        let afterResume = try await KafkaTestSupport.consume(1, from: consumer)
        #expect(afterResume.map(\.valueString) == ["m6"])

        try await consumer.commit()
        await consumer.close()
        #expect(consumer.assignedPartitions.isEmpty)
        await producer.shutdown()
    }

    @Test("a seek while another task is iterating re-delivers every message from the new position")
    func seekWhileIterating() async throws {
        let cluster = try KafkaMockCluster(brokers: 2, logger: KafkaTestSupport.logger)
        defer { cluster.shutdown() }
        let (topic, producer, consumer) = try await Self.singlePartitionTopic("seek-live", messages: 20, on: cluster)
        let seen = Mutex<[Int64]>([])
        let reader = Task {
            for try await message in consumer.messages {
                seen.withLock { $0.append(message.offset) }
                if seen.withLock({ $0.count }) >= 40 { break }
            }
        }
        #expect(await KafkaTestSupport.eventually { seen.withLock { $0.count } >= 20 })
        // The reader keeps polling (the partition is at its end) while the seek happens.
        try await consumer.seek(KafkaTopicPartition(topic: topic, partition: 0), to: 0)
        let complete = await KafkaTestSupport.eventually { seen.withLock { $0.count } >= 40 }
        reader.cancel()
        _ = try? await reader.value
        let offsets = seen.withLock { $0 }
        #expect(complete, "after the seek only \(offsets.count - 20) of 20 messages came again")
        #expect(Array(offsets.prefix(20)) == Array(0..<20))
        #expect(Array(offsets.dropFirst(20).prefix(20)) == Array(0..<20))
        await consumer.close()
        await producer.shutdown()
    }

    /// A one-partition topic holding `messages` values `m0`, `m1`, …, a producer for it, and a
    /// consumer in a fresh group subscribed to it.
    private static func singlePartitionTopic(
        _ name: String, messages: Int, on cluster: KafkaMockCluster
    ) async throws -> (topic: String, producer: KafkaProducer, consumer: KafkaConsumer) {
        let topic = KafkaTestSupport.uniqueName(name)
        try cluster.createTopic(topic, partitions: 1, replicationFactor: 2)
        let producer = try KafkaProducer(configuration: KafkaTestSupport.producerConfiguration(cluster), logger: KafkaTestSupport.logger)
        for index in 0..<messages {
            _ = try await producer.send(KafkaProducerMessage(topic: topic, key: nil, value: "m\(index)"))
        }
        // A single member that must keep its assignment throughout: a session lost on a loaded
        // machine would reassign the partition from the committed offset and undo a seek.
        var configuration = KafkaTestSupport.consumerConfiguration(cluster, group: KafkaTestSupport.uniqueName("g"))
        configuration.sessionTimeout = .seconds(45)
        configuration.heartbeatInterval = .seconds(3)
        configuration.maxPollInterval = .seconds(300)
        let consumer = try KafkaConsumer(configuration: configuration, topics: [topic], logger: KafkaTestSupport.logger)
        return (topic, producer, consumer)
    }
}
