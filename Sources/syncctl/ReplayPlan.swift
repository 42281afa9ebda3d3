import Kafka

/// What `syncctl replay` will do to one consumer group on one topic, partition by partition.
struct ReplayPlan: Sendable, Hashable, Encodable {
    /// One partition's move.
    struct Partition: Sendable, Hashable, Encodable {
        /// The partition number.
        var partition: Int32
        /// The group's committed offset (next message it would read); `nil` if it never committed.
        var committedOffset: Int64?
        /// The oldest retained offset.
        var lowWatermark: Int64
        /// The end offset (the next message produced gets it).
        var highWatermark: Int64
        /// Where the group will resume; `nil` when only the broker can tell (a time lookup).
        var newOffset: Int64?

        /// Messages the group already processed and will process again (`committed − new`).
        var reRead: Int64? {
            newOffset.map { max(0, (committedOffset ?? lowWatermark) - $0) }
        }

        /// Messages the group will read after the reset (`end − new`).
        var toRead: Int64? {
            newOffset.map { max(0, highWatermark - $0) }
        }

        private enum CodingKeys: String, CodingKey {
            case partition, committedOffset, lowWatermark, highWatermark, newOffset, reRead, toRead
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(partition, forKey: .partition)
            try container.encode(committedOffset, forKey: .committedOffset)
            try container.encode(lowWatermark, forKey: .lowWatermark)
            try container.encode(highWatermark, forKey: .highWatermark)
            try container.encode(newOffset, forKey: .newOffset)
            try container.encode(reRead, forKey: .reRead)
            try container.encode(toRead, forKey: .toRead)
        }
    }

    /// The consumer group.
    var group: String
    /// The topic.
    var topic: String
    /// Where the group moves, as given on the command line (`beginning`, `offset 42`, `time 2026-…`).
    var target: String
    /// Per partition, sorted by number.
    var partitions: [Partition]

    /// Plans moving `group` to `target` from the group's lag report.
    init(group: String, topic: String, target: KafkaOffsetResetTarget, description: String, lags: [KafkaPartitionLag]) {
        self.group = group
        self.topic = topic
        self.target = description
        partitions = lags.sorted { $0.topicPartition.partition < $1.topicPartition.partition }.map { lag in
            let newOffset: Int64? = switch target {
            case .beginning: lag.lowWatermark
            case .end: lag.highWatermark
            case .offset(let offset): min(max(offset, lag.lowWatermark), lag.highWatermark)
            case .timestamp: nil
            }
            return Partition(
                partition: lag.topicPartition.partition, committedOffset: lag.committedOffset,
                lowWatermark: lag.lowWatermark, highWatermark: lag.highWatermark, newOffset: newOffset
            )
        }
    }

    /// The total of ``Partition/reRead`` (`nil` when some partition's new offset is unknown).
    var totalReRead: Int64? {
        partitions.reduce(Int64(0)) { total, partition in
            guard let total, let reRead = partition.reRead else { return nil }
            return total + reRead
        }
    }

    /// The plan as a console table.
    func table() -> ConsoleTable {
        var table = ConsoleTable(["PARTITION", "COMMITTED", "NEW", "END", "RE-READ", "TO READ"])
        for partition in partitions {
            table.append(
                [
                    "\(partition.partition)",
                    partition.committedOffset.map(String.init) ?? "none",
                    partition.newOffset.map(String.init) ?? "at \(target)",
                    "\(partition.highWatermark)",
                    partition.reRead.map(String.init) ?? "?",
                    partition.toRead.map(String.init) ?? "?",
                ],
                tint: (partition.reRead ?? 0) > 0 ? .yellow : .none)
        }
        return table
    }
}
