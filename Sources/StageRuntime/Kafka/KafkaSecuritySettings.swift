import Foundation
import Kafka
import SyncCore

/// How the stages and `syncctl` authenticate to Kafka and encrypt the connection: librdkafka's
/// security properties, read from the environment (the same variables everywhere).
///
/// | variable | librdkafka property |
/// |---|---|
/// | `KAFKA_SECURITY_PROTOCOL` | `security.protocol`: `plaintext` (default), `ssl`, `sasl_plaintext`, `sasl_ssl` |
/// | `KAFKA_SASL_MECHANISM` | `sasl.mechanisms`: `PLAIN`, `SCRAM-SHA-256`, `SCRAM-SHA-512` |
/// | `KAFKA_SASL_USERNAME` | `sasl.username` |
/// | `KAFKA_SASL_PASSWORD` or `KAFKA_SASL_PASSWORD_FILE` | `sasl.password` (secret) |
/// | `KAFKA_SSL_CA_LOCATION` | `ssl.ca.location`: CA bundle (PEM) that signed the brokers' certificates |
/// | `KAFKA_SSL_CERTIFICATE_LOCATION` | `ssl.certificate.location`: client certificate (mutual TLS) |
/// | `KAFKA_SSL_KEY_LOCATION` | `ssl.key.location`: client private key (mutual TLS) |
/// | `KAFKA_SSL_KEY_PASSWORD` or `KAFKA_SSL_KEY_PASSWORD_FILE` | `ssl.key.password` (secret) |
/// | `KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM` | `ssl.endpoint.identification.algorithm`: `https` (default: verify the broker's host name) or `none` |
///
/// Combinations that would silently send credentials or keys over a connection that does not use
/// them are refused (a password without SASL, TLS files without TLS). Secret values travel only in
/// ``properties`` (which the Kafka library redacts in every description and log line).
package struct KafkaSecuritySettings: Sendable, CustomStringConvertible {
    /// The librdkafka properties to add to every client.
    package let properties: [String: String]

    /// The environment variables read, each with its librdkafka property (secrets also as `_FILE`).
    package static let variables: [(variable: String, property: String)] = [
        ("KAFKA_SECURITY_PROTOCOL", "security.protocol"),
        ("KAFKA_SASL_MECHANISM", "sasl.mechanisms"),
        ("KAFKA_SASL_USERNAME", "sasl.username"),
        ("KAFKA_SASL_PASSWORD", "sasl.password"),
        ("KAFKA_SSL_CA_LOCATION", "ssl.ca.location"),
        ("KAFKA_SSL_CERTIFICATE_LOCATION", "ssl.certificate.location"),
        ("KAFKA_SSL_KEY_LOCATION", "ssl.key.location"),
        ("KAFKA_SSL_KEY_PASSWORD", "ssl.key.password"),
        ("KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM", "ssl.endpoint.identification.algorithm"),
    ]

    /// The variables holding secrets (also readable from the file named by `<NAME>_FILE`).
    package static let secretVariables: Set<String> = ["KAFKA_SASL_PASSWORD", "KAFKA_SSL_KEY_PASSWORD"]

    private static let protocols = ["plaintext", "ssl", "sasl_plaintext", "sasl_ssl"]
    private static let mechanisms = ["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"]

    /// Reads and checks the settings.
    /// - Throws: ``StageError/configuration(_:)`` naming the variable at fault (never a secret value).
    package init(environment: [String: String]) throws(StageError) {
        var properties: [String: String] = [:]
        for (variable, property) in Self.variables {
            let value: String?
            if Self.secretVariables.contains(variable) {
                do {
                    value = try Secret.fromEnvironment(variable, environment: environment)?.reveal()
                } catch {
                    throw StageError.configuration("\(error)")
                }
            } else {
                value = environment[variable]?.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            if let value, !value.isEmpty { properties[property] = value }
        }
        let securityProtocol = properties["security.protocol"]?.lowercased() ?? "plaintext"
        guard Self.protocols.contains(securityProtocol) else {
            throw StageError.configuration(
                "KAFKA_SECURITY_PROTOCOL must be one of \(Self.protocols.joined(separator: ", ")), got \(properties["security.protocol"] ?? "")")
        }
        let usesSASL = securityProtocol.hasPrefix("sasl_")
        let usesTLS = securityProtocol.hasSuffix("ssl")
        if usesSASL {
            guard let mechanism = properties["sasl.mechanisms"], Self.mechanisms.contains(mechanism.uppercased()) else {
                throw StageError.configuration(
                    "KAFKA_SECURITY_PROTOCOL=\(securityProtocol) needs KAFKA_SASL_MECHANISM: one of \(Self.mechanisms.joined(separator: ", "))")
            }
            properties["sasl.mechanisms"] = mechanism.uppercased()
            guard properties["sasl.username"] != nil, properties["sasl.password"] != nil else {
                throw StageError.configuration(
                    "KAFKA_SASL_MECHANISM=\(mechanism) needs KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD (or KAFKA_SASL_PASSWORD_FILE)")
            }
        } else {
            for (variable, property) in Self.variables where property.hasPrefix("sasl.") && properties[property] != nil {
                throw StageError.configuration(
                    "\(variable) is set but KAFKA_SECURITY_PROTOCOL is \(securityProtocol): use sasl_ssl (or sasl_plaintext) to authenticate")
            }
        }
        if !usesTLS {
            for (variable, property) in Self.variables where property.hasPrefix("ssl.") && properties[property] != nil {
                throw StageError.configuration(
                    "\(variable) is set but KAFKA_SECURITY_PROTOCOL is \(securityProtocol): use ssl or sasl_ssl to encrypt")
            }
        }
        if (properties["ssl.certificate.location"] == nil) != (properties["ssl.key.location"] == nil) {
            throw StageError.configuration("KAFKA_SSL_CERTIFICATE_LOCATION and KAFKA_SSL_KEY_LOCATION go together (mutual TLS)")
        }
        if properties["security.protocol"] != nil { properties["security.protocol"] = securityProtocol }
        self.properties = properties
    }

    /// The settings without secret values, for logs and `--check-config`.
    package var description: String { KafkaSecretRedaction.describe(properties) }
}
