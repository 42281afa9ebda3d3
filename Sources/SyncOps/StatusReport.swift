import Foundation
import SyncCore

/// What `syncctl status` reports: consumer lag per group and partition, the link and dead-letter
/// counts, and the poller checkpoints with their age. ``attention`` lists what needs a person.
package struct StatusReport: Sendable, Hashable, Codable {
    /// One partition of a group's topic.
    package struct PartitionLag: Sendable, Hashable, Codable {
        /// The partition.
        package var partition: Int32
        /// The group's committed offset (`nil`: never committed).
        package var committed: Int64?
        /// The end offset (high watermark).
        package var end: Int64
        /// Records not yet consumed.
        package var lag: Int64
    }

    /// One consumer group on one topic.
    package struct Group: Sendable, Hashable, Codable {
        /// The consumer group.
        package var group: String
        /// The topic it consumes.
        package var topic: String
        /// Per partition.
        package var partitions: [PartitionLag]
        /// Total lag over the partitions.
        package var lag: Int64 { partitions.reduce(0) { $0 + $1.lag } }

        /// Creates a group's lag.
        package init(group: String, topic: String, partitions: [PartitionLag]) {
            self.group = group
            self.topic = topic
            self.partitions = partitions
        }

        private enum CodingKeys: String, CodingKey { case group, topic, partitions, lag }

        /// Decodes a group (the total is derived).
        package init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            group = try container.decode(String.self, forKey: .group)
            topic = try container.decode(String.self, forKey: .topic)
            partitions = try container.decode([PartitionLag].self, forKey: .partitions)
        }

        /// Encodes a group with its total lag.
        package func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(group, forKey: .group)
            try container.encode(topic, forKey: .topic)
            try container.encode(partitions, forKey: .partitions)
            try container.encode(lag, forKey: .lag)
        }
    }

    /// Link counts by kind.
    package struct Links: Sendable, Hashable, Codable {
        /// Issue links.
        package var issues: Int
        /// Comment/reply links.
        package var comments: Int
    }

    /// Dead-letter counts.
    package struct DeadLetters: Sendable, Hashable, Codable {
        /// Not yet sent back.
        package var open: Int
        /// Sent back (`dlq redrive`).
        package var redriven: Int
    }

    /// One poller checkpoint.
    package struct Checkpoint: Sendable, Hashable, Codable {
        /// The poller.
        package var poller: String
        /// Its scope.
        package var scope: String
        /// The source time read up to.
        package var cursor: Date
        /// When it was written.
        package var writtenAt: Date
        /// Seconds since it was written.
        package var ageSeconds: Double
        /// Older than the stale threshold.
        package var stale: Bool
    }

    /// Groups and their lag.
    package var groups: [Group]
    /// Link counts.
    package var links: Links
    /// Dead-letter counts.
    package var deadLetters: DeadLetters
    /// Poller checkpoints.
    package var checkpoints: [Checkpoint]
    /// The stale threshold used, in seconds.
    package var staleAfterSeconds: Double
    /// When the report was made.
    package var generatedAt: Date
    /// What needs attention (empty = healthy).
    package var attention: [String]

    /// Builds a report; ``attention`` gets open dead letters and stale checkpoints.
    package init(
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
    package var needsAttention: Bool { !attention.isEmpty }
}
