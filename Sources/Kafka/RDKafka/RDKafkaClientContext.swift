internal import Crdkafka
import Logging

/// Per-client state that librdkafka's C callbacks reach through the client `opaque` pointer.
///
/// The client keeps it retained until after `rd_kafka_destroy` returned, so every callback,
/// including the last log lines librdkafka emits while it tears down, finds it alive.
final class RDKafkaClientContext: Sendable {
    /// Where librdkafka's own log lines go.
    let logger: Logger
    /// Receives the statistics JSON.
    let statisticsHandler: (@Sendable (String) -> Void)?
    /// Receives the client's fatal error (see ``KafkaConfiguration/fatalErrorHandler``).
    let fatalErrorHandler: (@Sendable (KafkaError) -> Void)?
    /// Pending delivery reports (producers only).
    let deliveries: DeliveryRegistry?
    /// The consumer's assignment (consumers only).
    let assignment: ConsumerAssignment?
    /// Secret configuration values, scrubbed from librdkafka's log lines.
    private let secretValues: [String]

    init(
        logger: Logger,
        properties: [String: String],
        statisticsHandler: (@Sendable (String) -> Void)?,
        fatalErrorHandler: (@Sendable (KafkaError) -> Void)? = nil,
        deliveries: DeliveryRegistry? = nil,
        assignment: ConsumerAssignment? = nil
    ) {
        self.logger = logger
        self.statisticsHandler = statisticsHandler
        self.fatalErrorHandler = fatalErrorHandler
        self.deliveries = deliveries
        self.assignment = assignment
        self.secretValues = properties
            .filter { KafkaSecretRedaction.isSecret(key: $0.key) && $0.value.count >= 3 }
            .map(\.value)
    }

    /// `text` with every secret configuration value replaced by the redaction placeholder.
    func scrubbed(_ text: String) -> String {
        secretValues.reduce(text) { $0.replacing($1, with: KafkaSecretRedaction.placeholder) }
    }

    /// Forwards one librdkafka log line (syslog `level`) to swift-log.
    func log(level: Int32, facility: String, message: String) {
        logger.log(
            level: Self.logLevel(syslog: level),
            "\(scrubbed(message))",
            metadata: [KafkaLogMetadataKey.facility: "\(facility)"]
        )
    }

    /// Maps a syslog severity (librdkafka's log levels) to a swift-log level.
    static func logLevel(syslog level: Int32) -> Logger.Level {
        switch level {
        case ...2: .critical
        case 3: .error
        case 4: .warning
        case 5: .notice
        case 6: .info
        default: .debug
        }
    }
}
