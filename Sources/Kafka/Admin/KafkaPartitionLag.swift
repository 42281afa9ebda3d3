/// How far a consumer group is behind on one partition.
public struct KafkaPartitionLag: Sendable, Hashable {
    /// The partition.
    public var topicPartition: KafkaTopicPartition
    /// The group's committed offset (the next message it will read), `nil` if it never committed.
    public var committedOffset: Int64?
    /// The oldest retained offset.
    public var lowWatermark: Int64
    /// The offset the next produced message will get.
    public var highWatermark: Int64

    /// Messages not yet consumed by the group: `high − committed`, or `high − low` without a commit.
    public var lag: Int64 { max(0, highWatermark - (committedOffset ?? lowWatermark)) }
}

/// Where ``KafkaAdmin/resetOffsets(group:topic:to:timeout:sessionTimeout:)`` moves a group.
public enum KafkaOffsetResetTarget: Sendable, Hashable {
    /// The oldest retained message of every partition (replay everything).
    case beginning
    /// After the newest message (skip everything).
    case end
    /// The same offset in every partition (clamped to the retained range).
    case offset(Int64)
    /// The first message whose timestamp is at or after this time (ms since 1970), via
    /// `rd_kafka_offsets_for_times`; partitions without such a message move to the end.
    /// librdkafka 2.0.2's mock cluster answers every timestamp lookup with "no such message",
    /// so there this target always means the end.
    case timestamp(milliseconds: Int64)
}
