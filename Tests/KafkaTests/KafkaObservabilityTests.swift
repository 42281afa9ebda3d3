import Kafka
import KafkaMock
import Logging
import Synchronization
import Testing

@Suite("Logs and statistics", .serialized)
struct KafkaObservabilityTests {
    /// librdkafka 2.0.2 itself prints `[redacted]` for the properties it knows are sensitive when
    /// `debug=conf` dumps the configuration; our scrubber (every value of a key that
    /// ``KafkaSecretRedaction`` calls secret) is the second line of defence. This checks the end
    /// result: the configuration is logged, the secret is not.
    @Test("librdkafka's log lines reach swift-log with their facility, without secret values")
    func librdkafkaLogsAreRoutedAndScrubbed() async throws {
        let cluster = try KafkaMockCluster(brokers: 2, logger: KafkaTestSupport.logger)
        defer { cluster.shutdown() }
        let storage = RecordingLogHandler.Storage()
        let logger = Logger(label: "observability") { _ in RecordingLogHandler(storage: storage) }
        let secret = "s3cr3t-pa55word"
        let configuration = KafkaProducerConfiguration(client: KafkaConfiguration(
            bootstrapServers: [cluster.bootstrapServers],
            additionalProperties: ["debug": "conf,generic", "sasl.password": secret, "sasl.username": "svc"]
        ))
        let producer = try KafkaProducer(configuration: configuration, logger: logger)
        await producer.shutdown()

        let entries = storage.all
        #expect(entries.contains { $0.metadata["kafka.log.facility"] != nil }, "no librdkafka log line arrived")
        #expect(entries.contains { $0.message.contains("sasl.password") }, "debug=conf should log the configuration")
        let leaks = entries.filter { "\($0.message) \($0.metadata)".contains(secret) }
        #expect(leaks.isEmpty, "secret in \(leaks.map(\.message))")
    }

    @Test("the statistics JSON is handed to the configured handler")
    func statisticsReachTheHandler() async throws {
        let cluster = try KafkaMockCluster(brokers: 2, logger: KafkaTestSupport.logger)
        defer { cluster.shutdown() }
        let received = Mutex<[String]>([])
        let configuration = KafkaProducerConfiguration(client: KafkaConfiguration(
            bootstrapServers: [cluster.bootstrapServers],
            statisticsInterval: .milliseconds(100),
            statisticsHandler: { json in received.withLock { $0.append(json) } }
        ))
        let producer = try KafkaProducer(configuration: configuration, logger: KafkaTestSupport.logger)
        let arrived = await KafkaTestSupport.eventually { received.withLock { !$0.isEmpty } }
        await producer.shutdown()
        try #require(arrived, "no statistics within the deadline")
        let first = try #require(received.withLock { $0.first })
        #expect(first.hasPrefix("{"))
        #expect(first.contains("\"type\": \"producer\"") || first.contains("\"type\":\"producer\""))
    }
}
