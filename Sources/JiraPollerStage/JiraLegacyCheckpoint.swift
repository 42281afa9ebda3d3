import Foundation
import JiraPoller
import StageRuntime
import SyncCore

/// jira-poller's checkpoint as releases before the poller engine wrote it, read once on the first
/// start after an upgrade (the engine then saves it in ``PollerCheckpointLayout`` and deletes
/// these records): a `jira-poller/cursor` record (cursor, de-duplication window, the event
/// topic's end offsets, when watching began) and per-issue states in `jira-poller/issues-<n>`.
enum JiraLegacyCheckpoint {
    static let cursorScope = "cursor"
    static let offsetPrefix = "offset/"
    static let watchingSinceKey = "meta/watchingSince"
    private static let issuePrefix = "issue/"

    /// The progress and offsets of `records` (every record of the poller, by scope); `nil` without
    /// a cursor record.
    static func restore(
        from records: [String: PollerCheckpoint], overlapMinutes: Int
    ) -> (progress: JiraPollerProgress, offsets: [Int32: Int64])? {
        guard var merged = records[cursorScope] else { return nil }
        for (scope, record) in records where scope != cursorScope {
            merged.state.merge(record.state.filter { $0.key.hasPrefix(issuePrefix) }) { current, _ in current }
        }
        let state = JiraPollCheckpointState(checkpoint: merged, overlapMinutes: overlapMinutes)
        let watchingSince = merged.state[watchingSinceKey].flatMap(Int64.init)
            .map { Date(timeIntervalSince1970: Double($0) / 1000) } ?? merged.cursor
        var offsets: [Int32: Int64] = [:]
        for (key, value) in merged.state where key.hasPrefix(offsetPrefix) {
            if let partition = Int32(key.dropFirst(offsetPrefix.count)), let offset = Int64(value) {
                offsets[partition] = offset
            }
        }
        return (
            JiraPollerProgress(deduplicator: state.deduplicator, issues: state.issues, watchingSince: watchingSince),
            offsets
        )
    }
}
