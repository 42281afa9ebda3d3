/// Settings of a ``KafkaConsumer`` (a consumer-group member with at-least-once semantics).
///
/// Forced, whatever ``KafkaConfiguration/additionalProperties`` says:
/// `enable.auto.offset.store=false` — an offset is stored only by ``KafkaConsumer/storeOffset(_:)``,
/// after the handler finished — so no message is ever committed before it was handled.
/// Memory is bounded by librdkafka's prefetch limits (``queuedMaxMessagesKilobytes``,
/// ``queuedMinMessages``, ``fetchMaxBytes``) plus at most ``pollBatchSize`` messages held by the
/// message sequence.
public struct KafkaConsumerConfiguration: Sendable, CustomStringConvertible {
    /// `auto.offset.reset`: where a group without a committed offset starts.
    public enum OffsetReset: String, Sendable {
        /// Start at the oldest retained message.
        case earliest
        /// Start after the newest message.
        case latest
        /// Fail (surfaces as a consumer error).
        case error
    }

    /// The shared client settings.
    public var client: KafkaConfiguration
    /// `group.id`.
    public var groupID: String
    /// `auto.offset.reset` (default ``OffsetReset/earliest``).
    public var offsetReset: OffsetReset
    /// `session.timeout.ms`: how long a silent member stays in the group.
    public var sessionTimeout: Duration
    /// The session timeout members use unless told otherwise (10 s). Members of one group should
    /// share it: librdkafka's mock cluster keeps one per group (see
    /// ``KafkaAdmin/resetOffsets(group:topic:to:timeout:sessionTimeout:)``).
    public static let defaultSessionTimeout: Duration = .seconds(10)
    /// `heartbeat.interval.ms`.
    public var heartbeatInterval: Duration
    /// `max.poll.interval.ms`: the longest gap between two reads of the message sequence.
    public var maxPollInterval: Duration
    /// `auto.commit.interval.ms` for committing *stored* offsets in the background;
    /// `nil` sets `enable.auto.commit=false` and only ``KafkaConsumer/commit()`` commits.
    public var autoCommitInterval: Duration?
    /// `queued.max.messages.kbytes`: the prefetch queue bound in KiB.
    ///
    /// Measured with librdkafka 2.0.2: once the prefetch queue is full, fetching resumes only at
    /// the broker thread's next wake-up (up to ~1 s), so small bounds trade burst throughput for
    /// memory. The defaults here (16 MiB, 10 000 messages) suit the pipeline's small events;
    /// raise both (librdkafka's own defaults are 64 MiB and 100 000) for bulk replays.
    public var queuedMaxMessagesKilobytes: Int
    /// `queued.min.messages`: the prefetch target per partition.
    public var queuedMinMessages: Int
    /// `fetch.max.bytes`: the most data one fetch response may carry.
    public var fetchMaxBytes: Int
    /// `max.partition.fetch.bytes`.
    public var maxPartitionFetchBytes: Int
    /// `partition.assignment.strategy` (`range,roundrobin` or `cooperative-sticky`).
    public var assignmentStrategy: String
    /// How many messages one poll of the message sequence takes at most.
    public var pollBatchSize: Int

    /// Creates consumer settings.
    public init(
        client: KafkaConfiguration,
        groupID: String,
        offsetReset: OffsetReset = .earliest,
        sessionTimeout: Duration = KafkaConsumerConfiguration.defaultSessionTimeout,
        heartbeatInterval: Duration = .seconds(1),
        maxPollInterval: Duration = .seconds(300),
        autoCommitInterval: Duration? = .seconds(5),
        queuedMaxMessagesKilobytes: Int = 16_384,
        queuedMinMessages: Int = 10_000,
        fetchMaxBytes: Int = 16 * 1024 * 1024,
        maxPartitionFetchBytes: Int = 2 * 1024 * 1024,
        assignmentStrategy: String = "range,roundrobin",
        pollBatchSize: Int = 256
    ) {
        self.client = client
        self.groupID = groupID
        self.offsetReset = offsetReset
        self.sessionTimeout = sessionTimeout
        self.heartbeatInterval = heartbeatInterval
        self.maxPollInterval = maxPollInterval
        self.autoCommitInterval = autoCommitInterval
        self.queuedMaxMessagesKilobytes = queuedMaxMessagesKilobytes
        self.queuedMinMessages = queuedMinMessages
        self.fetchMaxBytes = fetchMaxBytes
        self.maxPartitionFetchBytes = maxPartitionFetchBytes
        self.assignmentStrategy = assignmentStrategy
        self.pollBatchSize = max(1, pollBatchSize)
    }

    /// The complete librdkafka property map: typed settings, ``KafkaConfiguration/additionalProperties``,
    /// then the forced `enable.auto.offset.store=false`.
    public func librdkafkaProperties() -> [String: String] {
        var properties = client.typedProperties()
        properties["group.id"] = groupID
        properties["auto.offset.reset"] = offsetReset.rawValue
        properties["session.timeout.ms"] = String(sessionTimeout.wholeMilliseconds)
        properties["heartbeat.interval.ms"] = String(heartbeatInterval.wholeMilliseconds)
        properties["max.poll.interval.ms"] = String(maxPollInterval.wholeMilliseconds)
        properties["enable.auto.commit"] = String(autoCommitInterval != nil)
        if let autoCommitInterval {
            properties["auto.commit.interval.ms"] = String(autoCommitInterval.wholeMilliseconds)
        }
        properties["queued.max.messages.kbytes"] = String(queuedMaxMessagesKilobytes)
        properties["queued.min.messages"] = String(queuedMinMessages)
        properties["fetch.max.bytes"] = String(fetchMaxBytes)
        properties["max.partition.fetch.bytes"] = String(maxPartitionFetchBytes)
        properties["partition.assignment.strategy"] = assignmentStrategy
        properties["enable.partition.eof"] = "false"
        properties.merge(client.additionalProperties) { $1 }
        properties["enable.auto.offset.store"] = "false"
        return properties
    }

    /// The redacted librdkafka properties.
    public var description: String { KafkaSecretRedaction.describe(librdkafkaProperties()) }
}
