import Foundation
import GuancePoller
import StageRuntime
import SyncCore

/// guance-poller's checkpoint as releases before the poller engine wrote it, read once on the
/// first start after an upgrade (the engine then saves it in ``PollerCheckpointLayout`` and
/// deletes these records):
///
/// - `guance-poller/main`: the cursor, the ids emitted in the overlap, the state without its
///   issues, the `guance.events.v1` offsets folded into it, and the shard generation;
/// - `guance-poller/shard-<generation>-<index>`: the tracked and pre-start issues.
enum GuanceLegacyCheckpoint {
    static let mainScope = "main"
    static let shardIndexKey = "guance-poller.shards.v1"
    static let eventOffsetsKey = "guance-poller.event-offsets.v1"

    /// Which shards held the issues.
    struct ShardIndex: Sendable, Hashable, Codable {
        var generation: Int
        var count: Int
    }

    /// The progress and offsets of `records` (every record of the poller, by scope); `nil`
    /// without a `main` record.
    /// - Throws: ``PollerCheckpointError`` when a shard named by `main` is missing; decoding errors.
    static func restore(
        from records: [String: PollerCheckpoint], overlap: TimeInterval, capacity: Int
    ) throws -> (progress: GuancePollerProgress, offsets: [Int32: Int64])? {
        guard let main = records[mainScope] else { return nil }
        var state = try OverlapDeduplicator.state(from: main)
        let index = try main.state[shardIndexKey].map { try JSONDecoder().decode(ShardIndex.self, from: Data($0.utf8)) }
            ?? ShardIndex(generation: 0, count: 0)
        for shardIndex in 0..<index.count {
            let scope = "shard-\(index.generation)-\(shardIndex)"
            guard let shard = records[scope] else {
                throw PollerCheckpointError(description: "checkpoint shard guance-poller/\(scope) is missing")
            }
            let shardState = try OverlapDeduplicator.state(from: shard)
            state.issues.merge(shardState.issues) { _, new in new }
            state.preStartIssues.merge(shardState.preStartIssues) { _, new in new }
        }
        let offsets = try main.state[eventOffsetsKey].map {
            try JSONDecoder().decode([String: Int64].self, from: Data($0.utf8))
        } ?? [:]
        let deduplicator = OverlapDeduplicator(checkpoint: main, overlap: overlap, capacity: capacity)
        return (
            GuancePollerProgress(state: state, deduplicator: deduplicator),
            Dictionary(uniqueKeysWithValues: offsets.compactMap { key, value in Int32(key).map { ($0, value) } })
        )
    }
}
