import Foundation
import JiraAPI

/// Keeps jira-poller's overlapping re-reads from processing an issue version twice, and tracks the
/// cursor.
///
/// An issue version is `(issue id, updated)`. Each cycle searches from ``cursor`` minus the overlap
/// (see ``JiraPollQuery``), so versions already handled come back; ``admit(_:)`` lets through only
/// a version newer than the last one admitted for that issue. Versions older than the window (minus
/// a margin for minute flooring and daylight-saving moves of the JQL literal) are forgotten: the
/// query can no longer return them. Even if one did, ``IssueChangeDetector`` would find nothing
/// changed, so no event is emitted twice.
///
/// Crash safety: the caller emits the events of admitted issues, waits for every acknowledgement,
/// and only then writes the checkpoint (see ``JiraPollCheckpointState``). A crash before that
/// restarts from the previous checkpoint and re-reads the same versions.
package struct JiraPollDeduplicator: Sendable, Hashable {
    /// The highest `updated` admitted so far (the next cursor), floored to the millisecond.
    package private(set) var cursor: Date
    /// The overlap re-read each cycle.
    package let overlap: TimeInterval
    /// Issue id → `updated` (ms since the epoch) of the last admitted version.
    package private(set) var seen: [String: Int64]

    /// Extra time kept beyond the overlap: minute flooring plus a repeated daylight-saving hour.
    static let retentionMargin: TimeInterval = 2 * 3600

    /// Creates a deduplicator starting at `cursor`.
    package init(cursor: Date, overlapMinutes: Int, seen: [String: Int64] = [:]) {
        self.cursor = Self.floorToMillisecond(cursor)
        self.overlap = Double(max(0, overlapMinutes)) * 60
        self.seen = seen
    }

    /// Whether `issue` is a version not handled before; records it and advances the cursor if so.
    /// An issue without `updated` is always admitted (the detector keeps that harmless).
    package mutating func admit(_ issue: JiraIssue) -> Bool {
        guard let updated = issue.fields.updated else { return true }
        let stamp = Self.milliseconds(updated)
        if let last = seen[issue.id], last >= stamp { return false }
        seen[issue.id] = stamp
        let floored = Self.floorToMillisecond(updated)
        if floored > cursor { cursor = floored }
        return true
    }

    /// Forgets versions the next query cannot return any more.
    package mutating func prune() {
        let limit = Self.milliseconds(cursor.addingTimeInterval(-overlap - Self.retentionMargin))
        seen = seen.filter { $0.value >= limit }
    }

    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }

    static func floorToMillisecond(_ date: Date) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds(date)) / 1000)
    }
}
