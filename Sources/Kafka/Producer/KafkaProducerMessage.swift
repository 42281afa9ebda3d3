/// A message to produce.
public struct KafkaProducerMessage: Sendable {
    /// The destination topic.
    public var topic: String
    /// The key; messages with the same key go to the same partition (and stay in order).
    public var key: [UInt8]?
    /// The value; `nil` produces a tombstone (deletes the key in a compacted topic).
    public var value: [UInt8]?
    /// Record headers.
    public var headers: [KafkaHeader]
    /// An explicit partition; `nil` lets the partitioner choose from the key.
    public var partition: Int32?

    /// Creates a message with binary key and value.
    public init(topic: String, key: [UInt8]?, value: [UInt8]?, headers: [KafkaHeader] = [], partition: Int32? = nil) {
        self.topic = topic
        self.key = key
        self.value = value
        self.headers = headers
        self.partition = partition
    }

    /// Creates a message whose key and value are UTF-8 text.
    public init(topic: String, key: String?, value: String?, headers: [KafkaHeader] = [], partition: Int32? = nil) {
        self.init(
            topic: topic,
            key: key.map { Array($0.utf8) },
            value: value.map { Array($0.utf8) },
            headers: headers,
            partition: partition
        )
    }
}
