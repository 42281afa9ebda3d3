import Kafka
import KafkaMock
import Testing

@Suite("Per-key ordering", .serialized)
struct KafkaOrderingTests {
    @Test("messages of one key arrive in send order across a 6-partition topic")
    func perKeyOrdering() async throws {
        let cluster = try KafkaMockCluster(brokers: 3, logger: KafkaTestSupport.logger)
        defer { cluster.shutdown() }
        let topic = KafkaTestSupport.uniqueName("ordering")
        try cluster.createTopic(topic, partitions: 6, replicationFactor: 2)
        let keys = (0..<12).map { "issue-\($0)" }
        let perKey = 25

        let producer = try KafkaProducer(configuration: KafkaTestSupport.producerConfiguration(cluster), logger: KafkaTestSupport.logger)
        for sequence in 0..<perKey {
            for key in keys {
                try await producer.enqueue(KafkaProducerMessage(topic: topic, key: key, value: "\(sequence)"))
            }
        }
        try await producer.flush(timeout: .seconds(30))
        #expect(producer.undeliveredMessageCount == 0)
        await producer.shutdown()

        let consumer = try KafkaConsumer(
            configuration: KafkaTestSupport.consumerConfiguration(cluster, group: KafkaTestSupport.uniqueName("g")),
            topics: [topic], logger: KafkaTestSupport.logger
        )
        let received = try await KafkaTestSupport.consume(keys.count * perKey, from: consumer)
        await consumer.close()

        try #require(received.count == keys.count * perKey)
        let sequences = Dictionary(grouping: received, by: { $0.keyString ?? "" }).mapValues { $0.compactMap { Int($0.valueString ?? "") } }
        for key in keys {
            #expect(sequences[key] == Array(0..<perKey), "order of \(key)")
        }
        #expect(Set(received.map(\.partition)).count > 1, "the keys should spread over several partitions")
    }
}
