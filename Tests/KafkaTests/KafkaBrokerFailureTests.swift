import Kafka
import KafkaMock
import Synchronization
import Testing

@Suite("Producing through a broker failure", .serialized)
struct KafkaBrokerFailureTests {
    @Test("watermarks follow a partition leader that moved (the client's cached leader is refreshed, not asked forever)")
    func watermarksAfterLeaderMove() async throws {
        let cluster = try KafkaMockCluster(brokers: 3, logger: KafkaTestSupport.logger)
        defer { cluster.shutdown() }
        let topic = KafkaTestSupport.uniqueName("leader-move")
        try cluster.createTopic(topic, partitions: 2, replicationFactor: 3)
        try cluster.setPartitionLeader(topic: topic, partition: 1, broker: 1)
        let admin = try KafkaAdmin(configuration: KafkaConfiguration(bootstrapServers: [cluster.bootstrapServers]), logger: KafkaTestSupport.logger)
        let partition = KafkaTopicPartition(topic: topic, partition: 1)
        _ = try await admin.watermarks(of: partition)
        // The leader moves; the client's metadata still names broker 1, which answers NOT_LEADER.
        try cluster.setPartitionLeader(topic: topic, partition: 1, broker: 2)
        for _ in 0..<3 {
            let marks = try await admin.watermarks(of: partition, timeout: .seconds(5))
            #expect(marks.high >= 0)
        }
    }

    @Test("sends to a downed leader are retried and all arrive once it is back: in order per key, no duplicates")
    func brokerDownWhileProducing() async throws {
        let cluster = try KafkaMockCluster(brokers: 3, logger: KafkaTestSupport.logger)
        defer { cluster.shutdown() }
        let topic = KafkaTestSupport.uniqueName("broker-down")
        try cluster.createTopic(topic, partitions: 3, replicationFactor: 3)
        for partition in Int32(0)..<3 {
            try cluster.setPartitionLeader(topic: topic, partition: partition, broker: partition + 1)
        }
        let keys = (0..<9).map { "key-\($0)" }
        let perKey = 40

        let producer = try KafkaProducer(configuration: KafkaTestSupport.producerConfiguration(cluster), logger: KafkaTestSupport.logger)
        let outcomes = Mutex<(acknowledged: Int, failed: [KafkaError])>((0, []))
        func enqueue(_ sequence: Int) async throws {
            for key in keys {
                try await producer.enqueue(KafkaProducerMessage(topic: topic, key: key, value: "\(sequence)")) { outcome in
                    outcomes.withLock { state in
                        switch outcome {
                        case .success: state.acknowledged += 1
                        case .failure(let error): state.failed.append(error)
                        }
                    }
                }
            }
        }
        for sequence in 0..<(perKey / 2) { try await enqueue(sequence) }
        try await producer.flush(timeout: .seconds(30))

        try cluster.setBrokerDown(1)
        for sequence in (perKey / 2)..<perKey { try await enqueue(sequence) }
        // The partition led by broker 1 cannot be acknowledged while it is down.
        let stalled = await KafkaTestSupport.eventually(within: .seconds(20)) {
            outcomes.withLock { $0.acknowledged } >= keys.count * perKey / 2 + 1
        }
        #expect(stalled, "the other partitions kept being acknowledged")
        #expect(outcomes.withLock { $0.acknowledged } < keys.count * perKey, "nothing waited for the downed broker")
        try cluster.setBrokerUp(1)
        try await producer.flush(timeout: .seconds(60))
        await producer.shutdown()
        let final = outcomes.withLock { $0 }
        #expect(final.failed.isEmpty, "\(final.failed)")
        #expect(final.acknowledged == keys.count * perKey)

        let consumer = try KafkaConsumer(
            configuration: KafkaTestSupport.consumerConfiguration(cluster, group: KafkaTestSupport.uniqueName("g")),
            topics: [topic], logger: KafkaTestSupport.logger
        )
        let received = try await KafkaTestSupport.consume(keys.count * perKey, from: consumer)
        // Anything beyond the expected count would be a duplicate: give it a moment to show up.
        let extra = try await KafkaTestSupport.consume(1, from: consumer, within: .seconds(2))
        await consumer.close()
        #expect(received.count == keys.count * perKey)
        #expect(extra.isEmpty, "duplicates: \(extra.map { "\($0.keyString ?? "") \($0.valueString ?? "")" })")
        let sequences = Dictionary(grouping: received, by: { $0.keyString ?? "" }).mapValues { $0.compactMap { Int($0.valueString ?? "") } }
        for key in keys {
            #expect(sequences[key] == Array(0..<perKey), "order of \(key)")
        }
    }
}
