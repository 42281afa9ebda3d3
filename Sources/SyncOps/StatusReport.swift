import Foundation
import SyncCore

/// What `syncctl status` reports: consumer lag per group and partition, the link and dead-letter
/// counts, and the poller checkpoints with their age. ``attention`` lists what needs a person.
public struct StatusReport: Sendable, Hashable, Codable {
    /// One partition of a group's topic.
    public struct PartitionLag: Sendable, Hashable, Codable {
        /// The partition.
        public var partition: Int32
        /// The group's committed offset (`nil`: never committed).
        public var committed: Int64?
        /// The end offset (high watermark).
        public var end: Int64
        /// Records not yet consumed.
        public var lag: Int64
    }

    /// One consumer group on one topic.
    public struct Group: Sendable, Hashable, Codable {
        /// The consumer group.
        public var group: String
        /// The topic it consumes.
        public var topic: String
        /// Per partition.
        public var partitions: [PartitionLag]
        /// Total lag over the partitions.
        public var lag: Int64 { partitions.reduce(0) { $0 + $1.lag } }

        /// Creates a group's lag.
        public init(group: String, topic: String, partitions: [PartitionLag]) {
            self.group = group
            self.topic = topic
            self.partitions = partitions
        }

        private enum CodingKeys: String, CodingKey { case group, topic, partitions, lag }

        /// Decodes a group (the total is derived).
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            group = try container.decode(String.self, forKey: .group)
            topic = try container.decode(String.self, forKey: .topic)
            partitions = try container.decode([PartitionLag].self, forKey: .partitions)
        }

        /// Encodes a group with its total lag.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(group, forKey: .group)
            try container.encode(topic, forKey: .topic)
            try container.encode(partitions, forKey: .partitions)
            try container.encode(lag, forKey: .lag)
        }
    }

    /// Link counts by kind.
    public struct Links: Sendable, Hashable, Codable {
        /// Issue links.
        public var issues: Int
        /// Comment/reply links.
        public var comments: Int
    }

    /// Dead-letter counts.
    public struct DeadLetters: Sendable, Hashable, Codable {
        /// Not yet sent back.
        public var open: Int
        /// Sent back (`dlq redrive`).
        public var redriven: Int
    }

    /// One poller checkpoint.
    public struct Checkpoint: Sendable, Hashable, Codable {
        /// The poller.
        public var poller: String
        /// Its scope.
        public var scope: String
        /// The source time read up to.
        public var cursor: Date
        /// When it was written.
        public var writtenAt: Date
        /// Seconds since it was written.
        public var ageSeconds: Double
        /// Older than the stale threshold.
        public var stale: Bool
    }

    /// Groups and their lag.
    public var groups: [Group]
    /// Link counts.
    public var links: Links
    /// Dead-letter counts.
    public var deadLetters: DeadLetters
    /// Poller checkpoints.
    public var checkpoints: [Checkpoint]
    /// The stale threshold used, in seconds.
    public var staleAfterSeconds: Double
    /// When the report was made.
    public var generatedAt: Date
    /// What needs attention (empty = healthy).
    public var attention: [String]

    /// Builds a report; ``attention`` gets open dead letters and stale checkpoints.
    public init(
        groups: [Group], links: LinkTable, deadLetters: DeadLetterTable, checkpoints: [PollerCheckpoint],
        staleAfter: TimeInterval, now: Date
    ) {
        self.groups = groups
        let records = links.records
        self.links = Links(
            issues: records.filter { $0.kind == .issue }.count, comments: records.filter { $0.kind == .comment }.count)
        self.deadLetters = DeadLetters(open: deadLetters.open.count, redriven: deadLetters.redrivenCount)
        self.checkpoints = checkpoints.map { checkpoint in
            let age = now.timeIntervalSince(checkpoint.writtenAt)
            return Checkpoint(
                poller: checkpoint.poller, scope: checkpoint.scope, cursor: checkpoint.cursor,
                writtenAt: checkpoint.writtenAt, ageSeconds: age.rounded(), stale: age > staleAfter)
        }
        staleAfterSeconds = staleAfter
        generatedAt = now
        var attention: [String] = []
        if self.deadLetters.open > 0 {
            attention.append("\(self.deadLetters.open) open dead letter(s): see `syncctl dlq list`")
        }
        for checkpoint in self.checkpoints where checkpoint.stale {
            attention.append(
                "checkpoint \(checkpoint.poller)/\(checkpoint.scope) is \(Int(checkpoint.ageSeconds)) s old (> \(Int(staleAfter)) s): is the poller running?")
        }
        self.attention = attention
    }

    /// Whether anything needs attention.
    public var needsAttention: Bool { !attention.isEmpty }
}
