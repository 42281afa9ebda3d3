import Foundation
import JiraPoller
import SyncCore

/// jira-poller's checkpoint as records of `sync.checkpoints.v1`: one `jira-poller/cursor` record
/// (cursor, de-duplication window, the event topic's end offsets at checkpoint time, when watching
/// began) and the per-issue states spread over ``shardCount`` `jira-poller/issues-<n>` records, so
/// no record nears Kafka's message size limit.
///
/// The records are not written atomically. That is safe: a restart replays every event published
/// after the cursor record's offsets onto whatever issue states it finds (replaying sets values, so
/// newer shards stay right), and re-reads from the cursor (older, so nothing is skipped).
enum JiraPollCheckpointRecords {
    /// Scope of the cursor record.
    static let cursorScope = "cursor"
    /// Issue-state shards.
    static let shardCount = 8

    /// State key prefix of the event topic's end offsets (`offset/<partition>`).
    static let offsetPrefix = "offset/"
    /// State key of the moment the poller began watching (ms since the epoch).
    static let watchingSinceKey = "meta/watchingSince"
    private static let issuePrefix = "issue/"

    /// The records of `checkpoint` (as made by ``JiraPollCheckpointState/checkpoint(scope:writtenAt:)``).
    static func split(_ checkpoint: PollerCheckpoint) -> [PollerCheckpoint] {
        var main = checkpoint
        main.scope = cursorScope
        main.state = checkpoint.state.filter { !$0.key.hasPrefix(issuePrefix) }
        var shards = (0..<shardCount).map { index in
            PollerCheckpoint(
                poller: checkpoint.poller, scope: "issues-\(index)", cursor: checkpoint.cursor, writtenAt: checkpoint.writtenAt)
        }
        for (key, value) in checkpoint.state where key.hasPrefix(issuePrefix) {
            shards[shard(of: String(key.dropFirst(issuePrefix.count)))].state[key] = value
        }
        return shards + [main]
    }

    /// One checkpoint from the records of a poller, `nil` when there is no cursor record.
    static func merge(_ records: [String: PollerCheckpoint]) -> PollerCheckpoint? {
        guard var merged = records[cursorScope] else { return nil }
        for (scope, record) in records where scope != cursorScope {
            merged.state.merge(record.state.filter { $0.key.hasPrefix(issuePrefix) }) { current, _ in current }
        }
        return merged
    }

    /// The end offsets stored in a merged checkpoint.
    static func offsets(in checkpoint: PollerCheckpoint) -> [Int32: Int64] {
        var offsets: [Int32: Int64] = [:]
        for (key, value) in checkpoint.state where key.hasPrefix(offsetPrefix) {
            if let partition = Int32(key.dropFirst(offsetPrefix.count)), let offset = Int64(value) {
                offsets[partition] = offset
            }
        }
        return offsets
    }

    /// The shard of an issue id: FNV-1a, stable across processes and releases.
    static func shard(of issueId: String) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in issueId.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return Int(hash % UInt64(shardCount))
    }
}
