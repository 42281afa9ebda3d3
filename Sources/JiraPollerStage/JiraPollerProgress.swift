import Foundation
import JiraPoller
import StageRuntime
import SyncCore

/// What jira-poller carries from one cycle to the next (the ``JiraPollerPolicy``'s state).
struct JiraPollerProgress: Sendable {
    /// The cursor and the issue versions already handled.
    var deduplicator: JiraPollDeduplicator
    /// What was last seen of each linked issue.
    var issues: [String: JiraIssueSyncState]
    /// When the reading each issue's state comes from was made (ms since 1970): an event read
    /// back from an older reading is already reflected, or superseded, and is not folded.
    var observed: [String: Int64]
    /// Issues created after this instant are new to the sync: their first reading is compared
    /// with an empty baseline instead of being taken as the starting point.
    var watchingSince: Date
    /// Events read back for issues without a state (not checkpointed): applied when the issue is
    /// read by the next cycle.
    var replayed: [String: [SyncEvent]] = [:]
    /// Linked issues whose last reading lacked the label: searched by key every cycle.
    var unlabelled: Set<String> = []
    /// Every linked issue updated up to this instant (Jira's clock when the last sweep began) has
    /// been read by a project sweep (`nil`: no sweep yet; the cursor stands for it, as every earlier
    /// release searched every link by key).
    var sweptThrough: Date?
    /// When this process last swept the routed projects, on the monotonic clock (not checkpointed: a
    /// restart sweeps first).
    var lastSweep: ContinuousClock.Instant?

    /// The checkpoint's head part besides the cursor.
    struct Summary: Codable, Sendable {
        var watchingSince: Date
        var sweptThrough: Date?
    }

    /// One issue's part of the checkpoint (keyed by the Jira issue id).
    struct Item: Codable, Sendable, Equatable {
        var state: JiraIssueSyncState?
        var observedAt: Int64?
        /// The `updated` (ms) of the last version admitted, while it is inside the re-read window.
        var seen: Int64?
        /// `true` when the issue's last reading lacked the label (absent otherwise).
        var lacksLabel: Bool?
    }

    init(deduplicator: JiraPollDeduplicator, issues: [String: JiraIssueSyncState], watchingSince: Date) {
        self.deduplicator = deduplicator
        self.issues = issues
        observed = [:]
        self.watchingSince = watchingSince
    }

    /// The checkpoint parts.
    var parts: PollerCheckpointParts<Summary, Item> {
        var pruned = deduplicator
        pruned.prune()
        var items: [String: Item] = [:]
        for (id, state) in issues { items[id] = Item(state: state, observedAt: observed[id]) }
        for (id, stamp) in pruned.seen { items[id, default: Item()].seen = stamp }
        for id in unlabelled { items[id, default: Item()].lacksLabel = true }
        return PollerCheckpointParts(
            cursor: pruned.cursor, summary: Summary(watchingSince: watchingSince, sweptThrough: sweptThrough), items: items)
    }

    /// The progress a checkpoint stored.
    init(parts: PollerCheckpointParts<Summary, Item>, overlapMinutes: Int) {
        var seen: [String: Int64] = [:]
        issues = [:]
        observed = [:]
        for (id, item) in parts.items {
            issues[id] = item.state
            observed[id] = item.observedAt
            seen[id] = item.seen
            if item.lacksLabel == true { unlabelled.insert(id) }
        }
        deduplicator = JiraPollDeduplicator(cursor: parts.cursor, overlapMinutes: overlapMinutes, seen: seen)
        watchingSince = parts.summary.watchingSince
        sweptThrough = parts.summary.sweptThrough
    }

    /// Folds an event this poller published (read back from `jira.events.v1`): the state it left
    /// is applied unless the issue's state comes from a later reading. Events of issues without a
    /// state wait for the issue's next reading.
    mutating func fold(_ event: SyncEvent) {
        guard event.origin == .jira else { return }
        guard let issue = issues[event.key] else {
            replayed[event.key, default: []].append(event)
            return
        }
        let at = event.observedAt.epochMilliseconds
        if let reading = observed[event.key], at < reading { return }
        issues[event.key] = issue.applying(event)
        observed[event.key] = at
    }
}
