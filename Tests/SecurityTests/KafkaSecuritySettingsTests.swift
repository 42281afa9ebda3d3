import Foundation
import Kafka
import StageRuntime
import Testing

/// SASL and TLS settings from the environment, as every stage and `syncctl` read them.
@Suite("Kafka security settings from the environment")
struct KafkaSecuritySettingsTests {
    static let password = "kafka-password-canary-5e1d77"

    @Test("a SASL_SSL setup becomes librdkafka's properties; the password also from a file")
    func saslSSL() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kafka-password-\(UUID().uuidString)")
        try (Self.password + "\n").write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let settings = try KafkaSecuritySettings(environment: [
            "KAFKA_SECURITY_PROTOCOL": "SASL_SSL", "KAFKA_SASL_MECHANISM": "scram-sha-512",
            "KAFKA_SASL_USERNAME": "guance-jira-sync", "KAFKA_SASL_PASSWORD_FILE": file.path,
            "KAFKA_SSL_CA_LOCATION": "/etc/ssl/certs/ca-certificates.crt",
        ])
        #expect(settings.properties == [
            "security.protocol": "sasl_ssl", "sasl.mechanisms": "SCRAM-SHA-512", "sasl.username": "guance-jira-sync",
            "sasl.password": Self.password, "ssl.ca.location": "/etc/ssl/certs/ca-certificates.crt",
        ])
        #expect(!"\(settings)".contains(Self.password))
        let kafka = StageKafka(brokers: ["b:9096"], clientID: "t", additionalProperties: settings.properties)
        for description in ["\(kafka.client)", "\(kafka.producer)", "\(kafka.reader(purpose: "x"))", "\(kafka.groupConsumer(group: "g"))"] {
            #expect(description.contains("sasl.password=<redacted>"), "\(description)")
            #expect(!description.contains(Self.password))
        }
    }

    @Test("mutual TLS with an encrypted key")
    func mutualTLS() throws {
        let settings = try KafkaSecuritySettings(environment: [
            "KAFKA_SECURITY_PROTOCOL": "ssl", "KAFKA_SSL_CERTIFICATE_LOCATION": "/run/secrets/client.pem",
            "KAFKA_SSL_KEY_LOCATION": "/run/secrets/client.key", "KAFKA_SSL_KEY_PASSWORD": Self.password,
        ])
        #expect(settings.properties["ssl.key.password"] == Self.password)
        #expect(settings.properties["ssl.key.location"] == "/run/secrets/client.key")
        #expect(!"\(settings)".contains(Self.password))
    }

    @Test("nothing set: plaintext, no extra property; empty values count as unset")
    func nothingSet() throws {
        #expect(try KafkaSecuritySettings(environment: [:]).properties.isEmpty)
        #expect(try KafkaSecuritySettings(environment: ["KAFKA_SASL_PASSWORD_FILE": "", "KAFKA_SASL_MECHANISM": ""]).properties.isEmpty)
        #expect(try KafkaSecuritySettings(environment: ["KAFKA_SECURITY_PROTOCOL": "plaintext"]).properties == ["security.protocol": "plaintext"])
    }

    @Test("combinations that would not protect what they name are refused, without echoing a secret", arguments: [
        ["KAFKA_SECURITY_PROTOCOL": "sasl_tls"],
        ["KAFKA_SECURITY_PROTOCOL": "sasl_ssl", "KAFKA_SASL_USERNAME": "u", "KAFKA_SASL_PASSWORD": password],
        ["KAFKA_SECURITY_PROTOCOL": "sasl_ssl", "KAFKA_SASL_MECHANISM": "GSSAPI", "KAFKA_SASL_PASSWORD": password],
        ["KAFKA_SECURITY_PROTOCOL": "sasl_ssl", "KAFKA_SASL_MECHANISM": "PLAIN", "KAFKA_SASL_PASSWORD": password],
        ["KAFKA_SASL_MECHANISM": "PLAIN", "KAFKA_SASL_USERNAME": "u", "KAFKA_SASL_PASSWORD": password],
        ["KAFKA_SECURITY_PROTOCOL": "sasl_plaintext", "KAFKA_SASL_MECHANISM": "PLAIN", "KAFKA_SASL_USERNAME": "u",
         "KAFKA_SASL_PASSWORD": password, "KAFKA_SSL_CA_LOCATION": "/ca.pem"],
        ["KAFKA_SECURITY_PROTOCOL": "ssl", "KAFKA_SSL_KEY_LOCATION": "/k.pem", "KAFKA_SSL_KEY_PASSWORD": password],
        ["KAFKA_SECURITY_PROTOCOL": "ssl", "KAFKA_SASL_PASSWORD": password],
        ["KAFKA_SASL_PASSWORD_FILE": "/nonexistent/kafka-password"],
    ])
    func refused(environment: [String: String]) {
        do {
            _ = try KafkaSecuritySettings(environment: environment)
            Issue.record("accepted \(environment.keys.sorted())")
        } catch {
            guard case .configuration(let message) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(message.contains("KAFKA_"), "the message names the variable: \(message)")
            #expect(!message.contains(Self.password))
        }
    }
}
