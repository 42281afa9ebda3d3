/// Settings shared by every Kafka client (producer, consumer, admin).
///
/// Typed properties cover what the pipeline uses; ``additionalProperties`` passes any other
/// librdkafka property through unchanged (`security.protocol`, `sasl.*`, `ssl.*`, …), so the
/// same code runs against a real, secured cluster. Secret-valued properties are redacted in
/// ``description`` and in every log line (see ``KafkaSecretRedaction``).
public struct KafkaConfiguration: Sendable, CustomStringConvertible {
    /// `bootstrap.servers`: `host:port` entries.
    public var bootstrapServers: [String]
    /// `client.id`: shows up in broker logs and metrics.
    public var clientID: String
    /// `socket.timeout.ms`: network request timeout.
    public var socketTimeout: Duration
    /// `statistics.interval.ms`: how often librdkafka emits its statistics JSON to
    /// ``statisticsHandler``; `nil` disables statistics.
    public var statisticsInterval: Duration?
    /// Receives librdkafka's statistics JSON (see librdkafka's STATISTICS.md) for metrics.
    /// Called on the client's poll thread; keep it quick.
    public var statisticsHandler: (@Sendable (String) -> Void)?
    /// Receives a *fatal* error of the client (librdkafka's `ERR__FATAL`, e.g. an idempotent
    /// producer fenced or out of sequence): the client is unusable from then on and must be
    /// recreated — a stage stops and lets its orchestrator restart it. Called at most once per
    /// client, on a librdkafka thread; keep it quick.
    public var fatalErrorHandler: (@Sendable (KafkaError) -> Void)?
    /// Any librdkafka property, applied after the typed ones (so it can override them), except
    /// for the few invariants a client documents as forced.
    public var additionalProperties: [String: String]

    /// Creates the shared settings.
    public init(
        bootstrapServers: [String],
        clientID: String = "guance-jira-sync",
        socketTimeout: Duration = .seconds(60),
        statisticsInterval: Duration? = nil,
        statisticsHandler: (@Sendable (String) -> Void)? = nil,
        fatalErrorHandler: (@Sendable (KafkaError) -> Void)? = nil,
        additionalProperties: [String: String] = [:]
    ) {
        self.bootstrapServers = bootstrapServers
        self.clientID = clientID
        self.socketTimeout = socketTimeout
        self.statisticsInterval = statisticsInterval
        self.statisticsHandler = statisticsHandler
        self.fatalErrorHandler = fatalErrorHandler
        self.additionalProperties = additionalProperties
    }

    /// The librdkafka properties of the shared settings, without ``additionalProperties``.
    func typedProperties() -> [String: String] {
        var properties = [
            "bootstrap.servers": bootstrapServers.joined(separator: ","),
            "client.id": clientID,
            "socket.timeout.ms": String(socketTimeout.wholeMilliseconds),
        ]
        if let statisticsInterval, statisticsHandler != nil {
            properties["statistics.interval.ms"] = String(statisticsInterval.wholeMilliseconds)
        }
        return properties
    }

    /// The redacted librdkafka properties.
    public var description: String {
        KafkaSecretRedaction.describe(typedProperties().merging(additionalProperties) { $1 })
    }
}

extension Duration {
    /// The duration in whole milliseconds (rounded down, never negative).
    var wholeMilliseconds: Int64 {
        let (seconds, attoseconds) = components
        return max(0, seconds * 1000 + attoseconds / 1_000_000_000_000_000)
    }
}
