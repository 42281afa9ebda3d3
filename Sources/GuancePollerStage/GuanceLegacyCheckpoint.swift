import Foundation
import GuancePoller
import SyncCore

/// How guance-poller's checkpoint is laid out over `sync.checkpoints.v1` records, each well under
/// Kafka's 1 MB message limit whatever the number of tracked issues.
///
/// - `guance-poller/main`: the cursor, the ids emitted in the overlap, the poller state without
///   its issues (start time, sweep time, page estimates), the high watermarks of `guance.events.v1` when it was written, and which shard
///   generation holds the issues.
/// - `guance-poller/shard-<generation>-<index>`: the tracked issues, then the pre-start issues,
///   packed by encoded size.
///
/// Every save writes a new generation of shards, waits for their acknowledgement, then writes
/// `main`, then deletes the previous generation. A crash at any point leaves `main` naming a
/// complete generation; at worst orphan shards of a newer generation remain (deleted on start).
struct PollerCheckpointLayout: Sendable {
    /// The poller (checkpoint `poller` field and key prefix).
    var poller: String

    /// The scope of the main record.
    static let mainScope = "main"
    /// The `state` key of the shard generation (JSON ``ShardIndex``).
    static let shardIndexKey = "guance-poller.shards.v1"
    /// The `state` key of the `guance.events.v1` high watermarks (JSON partition → offset).
    static let eventOffsetsKey = "guance-poller.event-offsets.v1"
    /// The most encoded issue bytes per shard: leaves room for JSON-in-JSON escaping under 1 MB.
    static let shardByteLimit = 400_000

    /// Which shards hold the issues.
    struct ShardIndex: Sendable, Hashable, Codable {
        /// Increases with every save.
        var generation: Int
        /// Shards `0..<count` of the generation.
        var count: Int
    }

    /// What a checkpoint restores.
    struct Restored: Sendable {
        var state: GuancePollerState
        var deduplicator: OverlapDeduplicator
        var generation: Int
        var eventOffsets: [Int32: Int64]
        var writtenAt: Date
    }

    /// The records of one save: shards first, then `main`.
    struct Records: Sendable {
        var shards: [PollerCheckpoint]
        var main: PollerCheckpoint
    }

    /// The scope of one shard.
    static func shardScope(generation: Int, index: Int) -> String { "shard-\(generation)-\(index)" }

    /// Whether `scope` is a shard scope of another generation than `generation`.
    static func isStaleShard(_ scope: String, current generation: Int) -> Bool {
        scope.hasPrefix("shard-") && !scope.hasPrefix("shard-\(generation)-")
    }

    /// Splits the state into the records of generation `generation`.
    func records(
        state: GuancePollerState, deduplicator: OverlapDeduplicator, generation: Int, eventOffsets: [Int32: Int64],
        writtenAt: Date
    ) throws -> Records {
        let encoder = Self.encoder()
        var shardStates: [GuancePollerState] = []
        var current = GuancePollerState()
        var currentBytes = 0
        func add(size: Int, _ insert: (inout GuancePollerState) -> Void) {
            if currentBytes > 0 && currentBytes + size > Self.shardByteLimit {
                shardStates.append(current)
                current = GuancePollerState()
                currentBytes = 0
            }
            insert(&current)
            currentBytes += size
        }
        for uuid in state.issues.keys.sorted() {
            let issue = state.issues[uuid]!
            add(size: try encoder.encode(issue).count + uuid.utf8.count + 8) { $0.issues[uuid] = issue }
        }
        for uuid in state.preStartIssues.keys.sorted() {
            let issue = state.preStartIssues[uuid]!
            add(size: try encoder.encode(issue).count + uuid.utf8.count + 8) { $0.preStartIssues[uuid] = issue }
        }
        if currentBytes > 0 { shardStates.append(current) }

        let shards = try shardStates.enumerated().map { index, shardState in
            try deduplicator.checkpoint(
                poller: poller, scope: Self.shardScope(generation: generation, index: index), state: shardState,
                writtenAt: writtenAt)
        }.map { shard in
            var shard = shard
            shard.recentEventIDs = []
            shard.state.removeValue(forKey: OverlapDeduplicator.recentTimesKey)
            return shard
        }
        var meta = state
        meta.issues = [:]
        meta.preStartIssues = [:]
        var main = try deduplicator.checkpoint(poller: poller, scope: Self.mainScope, state: meta, writtenAt: writtenAt)
        main.state[Self.shardIndexKey] = try Self.json(ShardIndex(generation: generation, count: shards.count))
        main.state[Self.eventOffsetsKey] = try Self.json(
            Dictionary(uniqueKeysWithValues: eventOffsets.map { (String($0.key), $0.value) }))
        return Records(shards: shards, main: main)
    }

    /// Rebuilds the state from `checkpoints` (every record of the poller, by scope); `nil` when
    /// there is no main record (first start).
    /// - Throws: when a shard named by `main` is missing or a record does not decode.
    func restore(
        from checkpoints: [String: PollerCheckpoint], overlap: TimeInterval, capacity: Int
    ) throws -> Restored? {
        guard let main = checkpoints[Self.mainScope] else { return nil }
        var state = try OverlapDeduplicator.state(from: main)
        let index = try main.state[Self.shardIndexKey].map { try Self.decode(ShardIndex.self, $0) }
            ?? ShardIndex(generation: 0, count: 0)
        for shardIndex in 0..<index.count {
            let scope = Self.shardScope(generation: index.generation, index: shardIndex)
            guard let shard = checkpoints[scope] else {
                throw PollerCheckpointError(description: "checkpoint shard \(poller)/\(scope) is missing")
            }
            let shardState = try OverlapDeduplicator.state(from: shard)
            state.issues.merge(shardState.issues) { _, new in new }
            state.preStartIssues.merge(shardState.preStartIssues) { _, new in new }
        }
        let offsets = try main.state[Self.eventOffsetsKey].map { try Self.decode([String: Int64].self, $0) } ?? [:]
        return Restored(
            state: state, deduplicator: OverlapDeduplicator(checkpoint: main, overlap: overlap, capacity: capacity),
            generation: index.generation,
            eventOffsets: Dictionary(uniqueKeysWithValues: offsets.compactMap { key, value in
                Int32(key).map { ($0, value) }
            }),
            writtenAt: main.writtenAt)
    }

    private static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .secondsSince1970
        return encoder
    }

    private static func json(_ value: some Encodable) throws -> String {
        String(decoding: try encoder().encode(value), as: UTF8.self)
    }

    private static func decode<Value: Decodable>(_ type: Value.Type, _ text: String) throws -> Value {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}

/// A checkpoint that cannot be restored.
struct PollerCheckpointError: Error, CustomStringConvertible {
    var description: String
}
