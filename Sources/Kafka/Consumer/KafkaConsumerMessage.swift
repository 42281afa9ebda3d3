/// A message read by a ``KafkaConsumer``.
public struct KafkaConsumerMessage: Sendable, Hashable {
    /// The topic.
    public var topic: String
    /// The partition.
    public var partition: Int32
    /// The offset within the partition.
    public var offset: Int64
    /// The key, if the message has one.
    public var key: [UInt8]?
    /// The value; `nil` for a tombstone.
    public var value: [UInt8]?
    /// Record headers, in order.
    public var headers: [KafkaHeader]
    /// The record timestamp in milliseconds since 1970, if the broker provided one.
    public var timestampMilliseconds: Int64?
    /// The partition's assignment epoch when the consumer handed the message out (0 for
    /// messages not from a consumer); ``KafkaConsumer/storeOffset(_:)`` refuses stale epochs. A new
    /// epoch starts with every assignment of the partition to this member (and every seek), so
    /// bookkeeping kept per partition must start over when it changes.
    public package(set) var epoch: UInt64 = 0

    /// Creates a message (the consumer creates these; public for tests of handlers).
    public init(
        topic: String,
        partition: Int32,
        offset: Int64,
        key: [UInt8]?,
        value: [UInt8]?,
        headers: [KafkaHeader] = [],
        timestampMilliseconds: Int64? = nil
    ) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.key = key
        self.value = value
        self.headers = headers
        self.timestampMilliseconds = timestampMilliseconds
    }

    /// The topic partition the message came from.
    public var topicPartition: KafkaTopicPartition { KafkaTopicPartition(topic: topic, partition: partition) }

    /// The key decoded as UTF-8, if present and valid.
    public var keyString: String? { key.flatMap { String(validating: $0, as: UTF8.self) } }

    /// The value decoded as UTF-8, if present and valid.
    public var valueString: String? { value.flatMap { String(validating: $0, as: UTF8.self) } }

    /// The first header named `name`.
    public func header(named name: String) -> KafkaHeader? { headers.first { $0.name == name } }
}
