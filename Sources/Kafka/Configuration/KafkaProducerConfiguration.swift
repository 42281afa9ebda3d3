/// Settings of a ``KafkaProducer``.
///
/// Defaults favour safety: `acks=all` and the idempotent producer, so retries after a broker
/// failure neither lose nor duplicate nor reorder messages of one partition.
public struct KafkaProducerConfiguration: Sendable, CustomStringConvertible {
    /// `acks`: how many replicas must have the message before it is acknowledged.
    public enum Acknowledgements: String, Sendable {
        /// `acks=0`: no acknowledgement at all.
        case none = "0"
        /// `acks=1`: the partition leader only.
        case leader = "1"
        /// `acks=all`: every in-sync replica.
        case all = "all"
    }

    /// The shared client settings.
    public var client: KafkaConfiguration
    /// `acks` (default ``Acknowledgements/all``).
    public var acknowledgements: Acknowledgements
    /// `enable.idempotence` (default `true`).
    public var enableIdempotence: Bool
    /// `message.timeout.ms`: how long librdkafka retries a message before it reports failure.
    public var messageTimeout: Duration
    /// `linger.ms`: how long to wait to fill a batch.
    public var linger: Duration
    /// `queue.buffering.max.messages`: the local queue bound; beyond it sends wait.
    public var maxQueuedMessages: Int
    /// `retry.backoff.ms`.
    public var retryBackoff: Duration
    /// How long ``KafkaProducer/shutdown()`` waits for queued messages to be delivered.
    public var shutdownFlushTimeout: Duration

    /// Creates producer settings.
    public init(
        client: KafkaConfiguration,
        acknowledgements: Acknowledgements = .all,
        enableIdempotence: Bool = true,
        messageTimeout: Duration = .seconds(120),
        linger: Duration = .milliseconds(5),
        maxQueuedMessages: Int = 100_000,
        retryBackoff: Duration = .milliseconds(100),
        shutdownFlushTimeout: Duration = .seconds(10)
    ) {
        self.client = client
        self.acknowledgements = acknowledgements
        self.enableIdempotence = enableIdempotence
        self.messageTimeout = messageTimeout
        self.linger = linger
        self.maxQueuedMessages = maxQueuedMessages
        self.retryBackoff = retryBackoff
        self.shutdownFlushTimeout = shutdownFlushTimeout
    }

    /// The complete librdkafka property map: typed settings, then ``KafkaConfiguration/additionalProperties``.
    public func librdkafkaProperties() -> [String: String] {
        var properties = client.typedProperties()
        properties["acks"] = acknowledgements.rawValue
        properties["enable.idempotence"] = String(enableIdempotence)
        properties["message.timeout.ms"] = String(messageTimeout.wholeMilliseconds)
        properties["linger.ms"] = String(linger.wholeMilliseconds)
        properties["queue.buffering.max.messages"] = String(maxQueuedMessages)
        properties["retry.backoff.ms"] = String(retryBackoff.wholeMilliseconds)
        return properties.merging(client.additionalProperties) { $1 }
    }

    /// The redacted librdkafka properties.
    public var description: String { KafkaSecretRedaction.describe(librdkafkaProperties()) }
}
