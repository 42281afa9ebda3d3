import Kafka
import Testing

@Suite("Configuration rendering and redaction")
struct KafkaConfigurationTests {
    let client = KafkaConfiguration(
        bootstrapServers: ["a:9092", "b:9092"],
        clientID: "writer",
        statisticsInterval: .seconds(15),
        statisticsHandler: { _ in },
        additionalProperties: [
            "security.protocol": "SASL_SSL",
            "sasl.mechanism": "PLAIN",
            "sasl.username": "svc",
            "sasl.password": "hunter2-secret",
            "ssl.key.password": "key-pass",
            "sasl.oauthbearer.client.secret": "oauth-secret",
            "enable.auto.offset.store": "true",
        ]
    )

    @Test("producer defaults: acks=all, idempotence, typed values in librdkafka units, pass-through kept")
    func producerProperties() {
        let properties = KafkaProducerConfiguration(client: client, messageTimeout: .seconds(30), linger: .milliseconds(7)).librdkafkaProperties()
        #expect(properties["bootstrap.servers"] == "a:9092,b:9092")
        #expect(properties["client.id"] == "writer")
        #expect(properties["acks"] == "all")
        #expect(properties["enable.idempotence"] == "true")
        #expect(properties["message.timeout.ms"] == "30000")
        #expect(properties["linger.ms"] == "7")
        #expect(properties["statistics.interval.ms"] == "15000")
        #expect(properties["security.protocol"] == "SASL_SSL")
        #expect(properties["sasl.password"] == "hunter2-secret")
    }

    @Test("consumer: auto offset store is forced off; prefetch limits and auto-commit rendered")
    func consumerProperties() {
        var configuration = KafkaConsumerConfiguration(client: client, groupID: "jira-writer", autoCommitInterval: nil)
        configuration.queuedMaxMessagesKilobytes = 2048
        let properties = configuration.librdkafkaProperties()
        #expect(properties["group.id"] == "jira-writer")
        #expect(properties["enable.auto.offset.store"] == "false")
        #expect(properties["enable.auto.commit"] == "false")
        #expect(properties["auto.commit.interval.ms"] == nil)
        #expect(properties["queued.max.messages.kbytes"] == "2048")
        #expect(properties["auto.offset.reset"] == "earliest")
        configuration.autoCommitInterval = .seconds(2)
        #expect(configuration.librdkafkaProperties()["auto.commit.interval.ms"] == "2000")
    }

    @Test("secret values never appear in descriptions")
    func redaction() {
        let descriptions = [
            client.description,
            KafkaProducerConfiguration(client: client).description,
            KafkaConsumerConfiguration(client: client, groupID: "g").description,
        ]
        for description in descriptions {
            #expect(!description.contains("hunter2"))
            #expect(!description.contains("key-pass"))
            #expect(!description.contains("oauth-secret"))
            #expect(description.contains("sasl.password=\(KafkaSecretRedaction.placeholder)"))
            #expect(description.contains("sasl.username=svc"))
        }
        #expect(KafkaSecretRedaction.isSecret(key: "sasl.oauthbearer.config"))
        #expect(KafkaSecretRedaction.isSecret(key: "ssl.keystore.password"))
        #expect(!KafkaSecretRedaction.isSecret(key: "bootstrap.servers"))
    }

    @Test("an invalid property is reported as a configuration error without its secret value")
    func invalidPropertyIsRedacted() throws {
        var configuration = client
        configuration.additionalProperties = ["sasl.password.bogus": "top-secret-value"]
        let error = #expect(throws: KafkaError.self) {
            _ = try KafkaProducer(configuration: KafkaProducerConfiguration(client: configuration), logger: KafkaTestSupport.logger)
        }
        #expect(error?.kind == .configuration)
        #expect(error.map { !"\($0)".contains("top-secret-value") } == true)
    }
}
