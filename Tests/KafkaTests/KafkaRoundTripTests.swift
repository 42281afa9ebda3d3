import Foundation
import Kafka
import KafkaMock
import Testing

@Suite("Produce and consume round trip", .serialized)
struct KafkaRoundTripTests {
    @Test("keys, headers, empty and 1 MiB values, UTF-8 survive a round trip over a 2-broker cluster")
    func roundTrip() async throws {
        let cluster = try KafkaMockCluster(brokers: 2, logger: KafkaTestSupport.logger)
        defer { cluster.shutdown() }
        let topic = KafkaTestSupport.uniqueName("round-trip")
        try cluster.createTopic(topic, partitions: 1, replicationFactor: 2)

        let big = (0..<(1024 * 1024)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let sent = [
            KafkaProducerMessage(topic: topic, key: "plain", value: "hello", headers: [
                KafkaHeader(name: "event-id", string: "e-1"),
                KafkaHeader(name: "empty", value: []),
                KafkaHeader(name: "null", value: nil),
            ]),
            KafkaProducerMessage(topic: topic, key: Array("empty".utf8), value: []),
            KafkaProducerMessage(topic: topic, key: "tombstone", value: nil),
            KafkaProducerMessage(topic: topic, key: nil, value: "no key"),
            KafkaProducerMessage(topic: topic, key: Array("big".utf8), value: big),
            KafkaProducerMessage(topic: topic, key: "观测云-问题", value: "异常追踪 🚨🔥 Jira ✅", headers: [
                KafkaHeader(name: "来源", string: "观测云 🌥️"),
            ]),
        ]

        var producerConfiguration = KafkaTestSupport.producerConfiguration(cluster)
        producerConfiguration.client.additionalProperties["message.max.bytes"] = "2000000"
        let producer = try KafkaProducer(configuration: producerConfiguration, logger: KafkaTestSupport.logger)
        var reports: [KafkaDeliveryReport] = []
        for message in sent {
            reports.append(try await producer.send(message))
        }
        await producer.shutdown()
        #expect(reports.map(\.offset) == Array(0..<Int64(sent.count)))

        var consumerConfiguration = KafkaTestSupport.consumerConfiguration(cluster, group: KafkaTestSupport.uniqueName("g"))
        consumerConfiguration.maxPartitionFetchBytes = 4 * 1024 * 1024
        let consumer = try KafkaConsumer(configuration: consumerConfiguration, topics: [topic], logger: KafkaTestSupport.logger)
        let received = try await KafkaTestSupport.consume(sent.count, from: consumer)
        await consumer.close()

        try #require(received.count == sent.count)
        for (message, original) in zip(received, sent) {
            #expect(message.key == original.key)
            #expect(message.value == original.value)
            #expect(message.headers == original.headers)
        }
        #expect(received[0].header(named: "event-id")?.stringValue == "e-1")
        #expect(received[1].value == [])
        #expect(received[2].value == nil)
        #expect(received[4].value?.count == 1024 * 1024)
        #expect(received[5].keyString == "观测云-问题")
        #expect(received[5].valueString == "异常追踪 🚨🔥 Jira ✅")
        #expect(received[5].headers.first?.stringValue == "观测云 🌥️")
    }
}
