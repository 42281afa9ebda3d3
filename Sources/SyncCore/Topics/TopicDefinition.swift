/// One topic of the declarative catalogue in `topics/`: how it is created on the cluster and
/// what its records mean.
public struct TopicDefinition: Sendable, Hashable, Codable {
    /// The topic name, e.g. `guance.events.v1`.
    public var name: String
    /// What the topic is for.
    public var description: String
    /// Number of partitions; bounds how many writer replicas can work in parallel.
    public var partitions: Int
    /// Replication factor on a real cluster (the dev broker honours it up to its broker count).
    public var replicationFactor: Int
    /// Topic-level configs, e.g. `cleanup.policy: compact`, `retention.ms: "2592000000"`.
    public var configs: [String: String]
    /// What a record's key is.
    public var key: RecordPart
    /// What a record's value is.
    public var value: RecordPart

    /// Creates a definition.
    public init(
        name: String,
        description: String,
        partitions: Int,
        replicationFactor: Int,
        configs: [String: String],
        key: RecordPart,
        value: RecordPart
    ) {
        self.name = name
        self.description = description
        self.partitions = partitions
        self.replicationFactor = replicationFactor
        self.configs = configs
        self.key = key
        self.value = value
    }

    /// Describes a record's key or value.
    public struct RecordPart: Sendable, Hashable, Codable {
        /// Encoding, e.g. `utf-8 string` or `json`.
        public var format: String
        /// What it contains and why it is chosen that way.
        public var description: String
        /// An example, for the documentation.
        public var example: String?

        /// Creates a record-part description.
        public init(format: String, description: String, example: String? = nil) {
            self.format = format
            self.description = description
            self.example = example
        }
    }

    /// Whether the topic is log-compacted (a table keyed by record key) rather than a log.
    public var isCompacted: Bool {
        configs["cleanup.policy"]?.split(separator: ",").contains("compact") ?? false
    }

    /// The same definition with the replication factor capped, for clusters with fewer brokers
    /// than the catalogue assumes (a single-node development Kafka, the dev broker).
    public func cappingReplicationFactor(at maximum: Int) -> TopicDefinition {
        var copy = self
        copy.replicationFactor = max(1, min(replicationFactor, maximum))
        if let minInSync = configs["min.insync.replicas"].flatMap(Int.init), minInSync > copy.replicationFactor {
            copy.configs["min.insync.replicas"] = String(copy.replicationFactor)
        }
        return copy
    }
}
