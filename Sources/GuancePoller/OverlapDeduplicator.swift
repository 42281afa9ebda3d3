import Foundation
import SyncCore

/// Keeps guance-poller's re-reads from emitting an event twice and builds its checkpoint.
///
/// Every cycle lists `[windowStart, now]` where ``windowStart`` is ``cursor`` minus ``overlap``,
/// so a change whose timestamp lands late (clock skew, slow indexing) is still seen. Events the
/// poller already emitted are dropped by id (ids are deterministic): the ids emitted during the
/// last ``overlap`` are kept, at most ``capacity`` of them, oldest dropped first.
///
/// This id window is the second line of defence. The first is ``GuancePollerState``: an issue's
/// snapshot is emitted only when it differs from the last one emitted, and a reply only when it
/// is new, changed or gone — whatever the window. That is what makes the poller correct whichever
/// timestamp issue/list filters on: with `createAt`, an old issue edited now is not in the window,
/// so the poller also **sweeps** (lists without a time window, see ``PollPlanner``) and reads the
/// replies of tracked issues on a back-off schedule; the per-issue state turns both into events
/// only for real changes.
///
/// Crash safety: the caller produces the admitted events, waits for every acknowledgement, and
/// only then writes ``checkpoint(poller:scope:state:writtenAt:)``. A crash before that restarts
/// from the previous checkpoint, re-reads, and re-emits at most what was not acknowledged (same
/// ids, collapsed by the writer).
package struct OverlapDeduplicator: Sendable {
    /// The source time up to which everything has been read.
    package private(set) var cursor: Date
    /// How far back each read starts before ``cursor``.
    package let overlap: TimeInterval
    /// The most ids kept.
    package let capacity: Int
    /// Emitted id → when it was emitted.
    private var recent: [EventID: Date]

    /// The checkpoint `state` key holding the poller state (JSON).
    package static let stateKey = "guance-poller.state.v1"
    /// The checkpoint `state` key holding the emission times of ``PollerCheckpoint/recentEventIDs`` (JSON).
    package static let recentTimesKey = "guance-poller.recent-times.v1"

    /// Starts without a checkpoint, reading from `start`.
    package init(start: Date, overlap: TimeInterval, capacity: Int = 20_000) {
        self.cursor = start
        self.overlap = overlap
        self.capacity = max(1, capacity)
        self.recent = [:]
    }

    /// Resumes from a checkpoint. Ids without a recorded time count as emitted at the cursor.
    package init(checkpoint: PollerCheckpoint, overlap: TimeInterval, capacity: Int = 20_000) {
        self.init(start: checkpoint.cursor, overlap: overlap, capacity: capacity)
        let times = checkpoint.state[Self.recentTimesKey].flatMap {
            try? JSONDecoder().decode([String: Double].self, from: Data($0.utf8))
        } ?? [:]
        for id in checkpoint.recentEventIDs {
            recent[id] = times[id.rawValue].map(Date.init(timeIntervalSince1970:)) ?? checkpoint.cursor
        }
    }

    /// Resumes at `cursor` with the ids emitted in the overlap and when each was emitted (as
    /// ``emitted`` gave them).
    package init(cursor: Date, emitted: [EventID: Date], overlap: TimeInterval, capacity: Int = 20_000) {
        self.init(start: cursor, overlap: overlap, capacity: capacity)
        recent = emitted
    }

    /// The ids emitted in the overlap, with when each was emitted.
    package var emitted: [EventID: Date] { recent }

    /// Where the next read starts: ``cursor`` minus ``overlap``.
    package var windowStart: Date { cursor.addingTimeInterval(-overlap) }

    /// The ids currently remembered.
    package var recentEventIDs: Set<EventID> { Set(recent.keys) }

    /// Keeps the events not emitted before (nor earlier in the same batch), in order, and
    /// remembers them as emitted at their `observedAt`.
    package mutating func admit(_ events: [SyncEvent]) -> [SyncEvent] {
        events.filter { event in
            guard recent[event.id] == nil else { return false }
            recent[event.id] = event.observedAt
            return true
        }
    }

    /// Moves the cursor to the end of a completed read (never backwards) and forgets ids emitted
    /// before the new window start, then the oldest beyond ``capacity``.
    package mutating func advance(to readUpTo: Date) {
        cursor = max(cursor, readUpTo)
        let keepFrom = windowStart
        recent = recent.filter { $0.value >= keepFrom }
        if recent.count > capacity {
            let kept = recent.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(capacity)
            recent = Dictionary(uniqueKeysWithValues: kept.map { ($0.key, $0.value) })
        }
    }

    /// Moves the cursor back to `earlier` (never forwards): a start time taken from a clock found to
    /// be ahead of the service's.
    package mutating func moveBack(to earlier: Date) {
        cursor = min(cursor, earlier)
    }

    /// The checkpoint to write once everything admitted so far is acknowledged.
    package func checkpoint(
        poller: String, scope: String, state: GuancePollerState, writtenAt: Date
    ) throws -> PollerCheckpoint {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .secondsSince1970
        let ordered = recent.sorted { $0.value != $1.value ? $0.value < $1.value : $0.key < $1.key }
        let times = Dictionary(uniqueKeysWithValues: ordered.map { ($0.key.rawValue, $0.value.timeIntervalSince1970) })
        return PollerCheckpoint(
            poller: poller, scope: scope, cursor: cursor, recentEventIDs: ordered.map(\.key),
            state: [
                Self.stateKey: String(decoding: try encoder.encode(state), as: UTF8.self),
                Self.recentTimesKey: String(decoding: try encoder.encode(times), as: UTF8.self),
            ],
            writtenAt: writtenAt)
    }

    /// The poller state stored in a checkpoint; an empty state when there is none.
    package static func state(from checkpoint: PollerCheckpoint) throws -> GuancePollerState {
        guard let text = checkpoint.state[stateKey] else { return GuancePollerState() }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try decoder.decode(GuancePollerState.self, from: Data(text.utf8))
    }
}
