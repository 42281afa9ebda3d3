/// A topic to create: the declarative form the topic catalogue renders to.
public struct KafkaTopicSpecification: Sendable, Hashable {
    /// The topic name.
    public var name: String
    /// The number of partitions.
    public var partitions: Int
    /// The number of replicas of every partition.
    public var replicationFactor: Int
    /// Topic configs, e.g. `cleanup.policy=compact`, `retention.ms=604800000`.
    public var configs: [String: String]

    /// Creates a topic specification.
    public init(name: String, partitions: Int, replicationFactor: Int, configs: [String: String] = [:]) {
        self.name = name
        self.partitions = partitions
        self.replicationFactor = replicationFactor
        self.configs = configs
    }
}

/// What ``KafkaAdmin/createTopics(_:timeout:)`` did with one topic.
public enum KafkaTopicCreation: Sendable, Hashable {
    /// The topic was created.
    case created
    /// A topic of that name existed already (left unchanged).
    case alreadyExisted
}
