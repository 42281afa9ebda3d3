import Kafka
import SyncCore

/// How one catalogue topic compares with the cluster: what `topics apply` would do with it.
///
/// Topic configs are not compared: the admin client has no DescribeConfigs; they are applied
/// only when `topics apply` creates a topic.
struct TopicsComparison: Sendable, Hashable, Encodable {
    /// What `topics apply` does with the topic.
    enum Action: String, Sendable, Hashable, Encodable {
        /// The topic exists as declared.
        case none
        /// The topic is missing and will be created.
        case create
        /// The topic exists but differs in a way `topics apply` must not fix by itself.
        case drift
        /// The topic exists on the cluster but not in the catalogue (left alone).
        case unmanaged
    }

    /// The topic name.
    var topic: String
    /// What `topics apply` does with it.
    var action: Action
    /// Partitions the catalogue declares (`nil` for an unmanaged topic).
    var wantedPartitions: Int?
    /// Partitions on the cluster (`nil` when missing).
    var actualPartitions: Int?
    /// Replication factor the catalogue declares, after the `--max-replication-factor` cap.
    var wantedReplicationFactor: Int?
    /// Replication factor on the cluster (`nil` when missing).
    var actualReplicationFactor: Int?
    /// Human explanations of the drift, with what to do about it.
    var problems: [String]

    /// Compares every catalogue topic with the cluster's, plus the cluster's other topics as
    /// unmanaged, sorted by name.
    static func compare(catalog: [TopicDefinition], cluster: [KafkaTopicMetadata]) -> [TopicsComparison] {
        let existing = Dictionary(cluster.map { ($0.name, $0) }) { first, _ in first }
        var comparisons = catalog.map { topic in compare(topic, existing[topic.name]) }
        let declared = Set(catalog.map(\.name))
        comparisons += cluster.filter { !declared.contains($0.name) }.map { metadata in
            TopicsComparison(
                topic: metadata.name, action: .unmanaged, wantedPartitions: nil, actualPartitions: metadata.partitions.count,
                wantedReplicationFactor: nil, actualReplicationFactor: metadata.replicationFactor, problems: []
            )
        }
        return comparisons.sorted { $0.topic < $1.topic }
    }

    private static func compare(_ topic: TopicDefinition, _ metadata: KafkaTopicMetadata?) -> TopicsComparison {
        guard let metadata else {
            return TopicsComparison(
                topic: topic.name, action: .create, wantedPartitions: topic.partitions, actualPartitions: nil,
                wantedReplicationFactor: topic.replicationFactor, actualReplicationFactor: nil, problems: []
            )
        }
        var problems: [String] = []
        let partitions = metadata.partitions.count
        if partitions > topic.partitions {
            problems.append(
                "the cluster has \(partitions) partitions, topics/ declares \(topic.partitions): Kafka cannot remove "
                    + "partitions; raise `partitions` in topics/\(topic.name).yaml to \(partitions)")
        } else if partitions < topic.partitions {
            problems.append(
                "topics/ declares \(topic.partitions) partitions, the cluster has \(partitions): growing moves keys to "
                    + "other partitions, so grow it by hand with the writers drained (RUNBOOK: grow partitions)")
        }
        if metadata.replicationFactor != topic.replicationFactor {
            problems.append(
                "replication factor \(metadata.replicationFactor) on the cluster, \(topic.replicationFactor) wanted: "
                    + "change it with a partition reassignment (kafka-reassign-partitions.sh)")
        }
        return TopicsComparison(
            topic: topic.name, action: problems.isEmpty ? .none : .drift, wantedPartitions: topic.partitions,
            actualPartitions: partitions, wantedReplicationFactor: topic.replicationFactor,
            actualReplicationFactor: metadata.replicationFactor, problems: problems
        )
    }
}

extension [TopicsComparison] {
    /// The comparisons as a console table (partitions and replication as `cluster/wanted`).
    func table() -> ConsoleTable {
        var table = ConsoleTable(["TOPIC", "PARTITIONS", "REPLICATION", "ACTION"])
        for comparison in self {
            let tint: ConsoleTable.Tint = switch comparison.action {
            case .none: .green
            case .create: .yellow
            case .drift: .red
            case .unmanaged: .none
            }
            table.append(
                [
                    comparison.topic,
                    Self.pair(comparison.actualPartitions, comparison.wantedPartitions),
                    Self.pair(comparison.actualReplicationFactor, comparison.wantedReplicationFactor),
                    Self.actionText(comparison.action),
                ],
                tint: tint)
        }
        return table
    }

    /// The drift explanations, one line each.
    var problemLines: [String] {
        flatMap { comparison in comparison.problems.map { "\(comparison.topic): \($0)" } }
    }

    private static func actionText(_ action: TopicsComparison.Action) -> String {
        switch action {
        case .none: "ok"
        case .create: "create"
        case .drift: "drift"
        case .unmanaged: "not in topics/ (left alone)"
        }
    }

    private static func pair(_ actual: Int?, _ wanted: Int?) -> String {
        switch (actual, wanted) {
        case let (actual?, wanted?) where actual == wanted: "\(actual)"
        case let (actual?, wanted?): "\(actual) (want \(wanted))"
        case let (nil, wanted?): "- (want \(wanted))"
        case let (actual?, nil): "\(actual)"
        case (nil, nil): "-"
        }
    }
}
