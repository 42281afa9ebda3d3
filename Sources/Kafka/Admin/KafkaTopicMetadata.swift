/// A topic as the cluster's metadata describes it.
public struct KafkaTopicMetadata: Sendable, Hashable {
    /// One partition of the topic.
    public struct Partition: Sendable, Hashable {
        /// The partition number.
        public var id: Int32
        /// The broker ID of the leader.
        public var leader: Int32
        /// The broker IDs holding replicas.
        public var replicas: [Int32]
    }

    /// The topic name.
    public var name: String
    /// The partitions, sorted by ID.
    public var partitions: [Partition]

    /// The replication factor (replicas of the first partition; 0 when there are none).
    public var replicationFactor: Int { partitions.first?.replicas.count ?? 0 }
}
