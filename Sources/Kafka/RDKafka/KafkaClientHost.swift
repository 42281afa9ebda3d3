internal import Crdkafka
import Logging

/// A bare librdkafka client (a producer handle that sends nothing), for the module that hosts
/// librdkafka's mock cluster on it (`KafkaMock`).
///
/// Package API: the mock cluster lives in its own module so that production executables do not
/// link it, and that module needs an `rd_kafka_t` whose log lines reach swift-log like every
/// other client's. The handle is an `OpaquePointer`; no C type crosses the module boundary.
package final class KafkaClientHost: Sendable {
    private let client: RDKafkaClient

    /// Creates the client; librdkafka's log lines go to `logger`.
    /// - Throws: ``KafkaError`` when librdkafka refuses to create it.
    package init(clientID: String, logger: Logger) throws(KafkaError) {
        let properties = ["client.id": clientID]
        let context = RDKafkaClientContext(logger: logger, properties: properties, statisticsHandler: nil)
        client = try RDKafkaClient(type: RD_KAFKA_PRODUCER, properties: properties, context: context)
    }

    /// The `rd_kafka_t *` (valid until ``destroy()``).
    package var handle: OpaquePointer { client.handle }

    /// Destroys the client (blocking briefly). Idempotent.
    package func destroy() {
        client.destroy()
    }
}

extension KafkaError {
    /// Wraps a librdkafka error code (an `rd_kafka_resp_err_t` raw value) reported by a module
    /// that reaches librdkafka through its own C module (`KafkaMock`).
    package static func librdkafka(_ kind: Kind, code: Int32, context: String) -> KafkaError {
        rdKafka(kind, rd_kafka_resp_err_t(rawValue: code), context: context)
    }
}
