import Foundation
import GuancePoller
import StageRuntime
import SyncCore

/// What guance-poller carries from one cycle to the next (the ``GuancePollerPolicy``'s state):
/// the poller state and the overlap de-duplicator.
struct GuancePollerProgress: Sendable {
    var state: GuancePollerState
    var deduplicator: OverlapDeduplicator

    /// One per-issue part of the checkpoint: a tracked issue (`issue/<uuid>`), a pre-start issue
    /// (`pre/<uuid>`) or an event id emitted in the overlap (`emitted/<id>`).
    struct Item: Codable, Sendable, Equatable {
        var issue: TrackedIssue?
        var preStart: PreStartIssue?
        var emittedAt: Date?
    }

    private static let issuePrefix = "issue/"
    private static let preStartPrefix = "pre/"
    private static let emittedPrefix = "emitted/"

    /// The checkpoint parts: the state without its issues as the summary (start time, sweep
    /// time, page estimates), the de-duplicator's cursor, and every issue and emitted id as an item.
    var parts: PollerCheckpointParts<GuancePollerState, Item> {
        var summary = state
        summary.issues = [:]
        summary.preStartIssues = [:]
        var items: [String: Item] = [:]
        for (uuid, issue) in state.issues { items[Self.issuePrefix + uuid] = Item(issue: issue) }
        for (uuid, issue) in state.preStartIssues { items[Self.preStartPrefix + uuid] = Item(preStart: issue) }
        for (id, time) in deduplicator.emitted { items[Self.emittedPrefix + id.rawValue] = Item(emittedAt: time) }
        return PollerCheckpointParts(cursor: deduplicator.cursor, summary: summary, items: items)
    }

    /// The progress a checkpoint stored.
    init(parts: PollerCheckpointParts<GuancePollerState, Item>, overlap: TimeInterval, capacity: Int) {
        var state = parts.summary
        var emitted: [EventID: Date] = [:]
        for (key, item) in parts.items {
            if let uuid = key.dropPrefix(Self.issuePrefix), let issue = item.issue {
                state.issues[uuid] = issue
            } else if let uuid = key.dropPrefix(Self.preStartPrefix), let issue = item.preStart {
                state.preStartIssues[uuid] = issue
            } else if let id = key.dropPrefix(Self.emittedPrefix), let time = item.emittedAt {
                emitted[EventID(rawValue: id)] = time
            }
        }
        self.state = state
        deduplicator = OverlapDeduplicator(cursor: parts.cursor, emitted: emitted, overlap: overlap, capacity: capacity)
    }

    init(state: GuancePollerState, deduplicator: OverlapDeduplicator) {
        self.state = state
        self.deduplicator = deduplicator
    }
}

extension String {
    /// The rest after `prefix`, `nil` when the string does not start with it.
    fileprivate func dropPrefix(_ prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }
}
