import Foundation
import SyncCore

/// jira-poller's state as stored in ``PollerCheckpoint/state``: the deduplicator's window and every
/// tracked issue's ``JiraIssueSyncState``, so a restarted poller neither re-emits nor misses.
///
/// Layout: `seen/<issue id>` → `updated` in ms; `issue/<issue id>` → the issue state as JSON.
package struct JiraPollCheckpointState: Sendable, Hashable {
    /// The deduplicator (cursor and seen versions).
    package var deduplicator: JiraPollDeduplicator
    /// Issue id → what was last seen of it.
    package var issues: [String: JiraIssueSyncState]

    /// The poller name in checkpoints.
    package static let pollerName = "jira-poller"

    /// Creates a state.
    package init(deduplicator: JiraPollDeduplicator, issues: [String: JiraIssueSyncState]) {
        self.deduplicator = deduplicator
        self.issues = issues
    }

    /// Restores the state from a checkpoint (entries that do not decode are dropped: such an issue
    /// is seeded again on next sight, without events).
    package init(checkpoint: PollerCheckpoint, overlapMinutes: Int) {
        var seen: [String: Int64] = [:]
        var issues: [String: JiraIssueSyncState] = [:]
        let decoder = JSONDecoder()
        for (key, value) in checkpoint.state {
            if let id = key.dropPrefix("seen/") {
                if let stamp = Int64(value) { seen[id] = stamp }
            } else if let id = key.dropPrefix("issue/") {
                issues[id] = try? decoder.decode(JiraIssueSyncState.self, from: Data(value.utf8))
            }
        }
        self.init(
            deduplicator: JiraPollDeduplicator(cursor: checkpoint.cursor, overlapMinutes: overlapMinutes, seen: seen),
            issues: issues
        )
    }

    /// The checkpoint to write once every event up to now has been acknowledged.
    package func checkpoint(scope: String, writtenAt: Date) -> PollerCheckpoint {
        var pruned = deduplicator
        pruned.prune()
        var state: [String: String] = [:]
        for (id, stamp) in pruned.seen { state["seen/" + id] = String(stamp) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for (id, issue) in issues {
            if let data = try? encoder.encode(issue) { state["issue/" + id] = String(decoding: data, as: UTF8.self) }
        }
        return PollerCheckpoint(
            poller: Self.pollerName, scope: scope, cursor: pruned.cursor, state: state, writtenAt: writtenAt
        )
    }
}

extension String {
    /// The rest of the string after `prefix`, or `nil` when it does not start with it.
    fileprivate func dropPrefix(_ prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }
}
