import Kafka
import Testing

@Suite("Consumer seek, pause and resume", .serialized)
struct KafkaConsumerControlTests {
    @Test("seek re-reads a partition from an earlier offset; a paused partition resumes where it stopped")
    func seekPauseResume() async throws {
        let cluster = try KafkaMockCluster(brokers: 2, logger: KafkaTestSupport.logger)
        defer { cluster.shutdown() }
        let topic = KafkaTestSupport.uniqueName("seek")
        try cluster.createTopic(topic, partitions: 1, replicationFactor: 2)
        let producer = try KafkaProducer(configuration: KafkaTestSupport.producerConfiguration(cluster), logger: KafkaTestSupport.logger)
        for index in 0..<6 {
            _ = try await producer.send(KafkaProducerMessage(topic: topic, key: nil, value: "m\(index)"))
        }
        let consumer = try KafkaConsumer(
            configuration: KafkaTestSupport.consumerConfiguration(cluster, group: KafkaTestSupport.uniqueName("g")),
            topics: [topic], logger: KafkaTestSupport.logger
        )
        let firstPass = try await KafkaTestSupport.consume(6, from: consumer)
        #expect(firstPass.compactMap(\.valueString) == (0..<6).map { "m\($0)" })

        let partition = KafkaTopicPartition(topic: topic, partition: 0)
        #expect(consumer.assignedPartitions == [partition])
        try await consumer.seek(partition, to: 2)
        let replay = try await KafkaTestSupport.consume(4, from: consumer)
        #expect(replay.map(\.offset) == [2, 3, 4, 5])

        try consumer.pause([partition])
        _ = try await producer.send(KafkaProducerMessage(topic: topic, key: nil, value: "m6"))
        try consumer.resume([partition])
        let afterResume = try await KafkaTestSupport.consume(1, from: consumer)
        #expect(afterResume.map(\.valueString) == ["m6"])

        try await consumer.commit()
        await consumer.close()
        #expect(consumer.assignedPartitions.isEmpty)
        await producer.shutdown()
    }
}
