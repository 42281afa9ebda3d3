import Foundation
import SyncCore

/// What a poller adds to the ``PollerEngine``: its state, how that state is checkpointed, how an
/// event read back from its topic is folded into it, and one cycle's work (read the source, turn
/// what changed into events). Publishing, acknowledgements, checkpoints, the read-back on start,
/// scheduling, readiness and gauges are the engine's.
package protocol PollerPolicy: Sendable {
    /// Everything the poller carries from one cycle to the next.
    associatedtype State: Sendable
    /// The part of ``State`` stored in the checkpoint's head (cursors, start times): small.
    associatedtype Summary: Codable & Sendable
    /// A per-issue part of ``State``, stored in the checkpoint's item records (any number).
    associatedtype Item: Codable & Sendable & Equatable

    /// The checkpoint `poller` name and log/metric label (the stage name).
    var name: String { get }
    /// The topic the poller publishes to, and reads back from.
    var eventTopic: SyncTopic { get }
    /// The readiness check the engine keeps current (`guance`, `jira`): ready once a cycle
    /// succeeded, failing with ``readinessDetail(for:)`` after a failed one.
    var readinessCheck: String { get }
    /// The fault-injection crash point right after a batch of events is acknowledged, before the
    /// checkpoint (`SYNC_FAULT_CRASH_AT`, tests only).
    var publishedCrashPoint: String { get }
    /// How often a checkpoint is saved although no event was published (keeps its age low; the
    /// state's progress without events is saved at this pace).
    var idleCheckpointInterval: Duration { get }

    /// The state of a first start (no checkpoint).
    func initialState(now: Date) -> State
    /// The state as its checkpoint stores it.
    func checkpoint(of state: State) throws -> PollerCheckpointParts<Summary, Item>
    /// The state a checkpoint stored.
    func restore(_ parts: PollerCheckpointParts<Summary, Item>) throws -> State
    /// The state stored by an earlier checkpoint layout (`records`: every record of the poller,
    /// by scope), with the event topic's offsets it reflects; `nil` when there is none. Those
    /// records are deleted once the first checkpoint in the current layout is saved.
    func restoreLegacy(_ records: [String: PollerCheckpoint]) throws -> (state: State, offsets: [Int32: Int64])?

    /// Folds an event read back from ``eventTopic`` into `state`: one this poller published after
    /// its last checkpoint (a crash between publish and checkpoint), or another producer's (e.g.
    /// `syncctl backfill`, a dead-letter redrive). Must be idempotent and tolerate old events: an
    /// event the state already reflects, or one older than what it reflects, changes nothing —
    /// the engine reads an event back whenever it cannot tell that the state already has it.
    func fold(_ event: SyncEvent, into state: inout State)
    /// Called once on start, after the read-back: log where the poller resumes, prepare a
    /// catch-up (nothing is known about what happened while it was down).
    mutating func resume(_ state: inout State, from start: PollerStart, now: Date)
    /// One cycle from `state`: read the source, return the events to publish and the state that
    /// remembers them. The engine adopts the state only once every event is acknowledged. A
    /// cycle interrupted by the stop (``StageShutdown``) either throws (nothing is published) or
    /// returns what it read so far (published and checkpointed before the process exits).
    mutating func cycle(from state: State, now: Date) async throws -> PollCycle<State>
    /// The pause after `failures` (≥ 1) consecutive failed cycles.
    func pause(afterFailures failures: Int) -> Duration
    /// A short, secret-free explanation of a failed cycle for `/readyz`.
    func readinessDetail(for error: any Error) -> String
}

/// Where a poller resumed from.
package enum PollerStart: Sendable, Equatable {
    /// No checkpoint: a first start.
    case firstStart
    /// A checkpoint written at that time (or an earlier layout's, `legacy`), plus the events
    /// read back after it.
    case checkpoint(writtenAt: Date?, legacy: Bool, replayedEvents: Int)
}

/// What one cycle of a ``PollerPolicy`` found.
package struct PollCycle<State: Sendable>: Sendable {
    /// The state remembering ``events`` (adopted once they are acknowledged).
    package var state: State
    /// The events to publish, in order.
    package var events: [SyncEvent]
    /// Work known to be pending (the `sync_poller_backlog` gauge), `nil` to leave it as is.
    package var backlog: Int?
    /// When the next cycle is due (a ``PollTrigger`` may start it earlier).
    package var nextCycle: Duration

    /// Creates a cycle's outcome.
    package init(state: State, events: [SyncEvent], backlog: Int? = nil, nextCycle: Duration) {
        self.state = state
        self.events = events
        self.backlog = backlog
        self.nextCycle = nextCycle
    }
}

extension PollerPolicy {
    /// No earlier layout.
    package func restoreLegacy(_ records: [String: PollerCheckpoint]) throws -> (state: State, offsets: [Int32: Int64])? {
        nil
    }

    /// The failure's type name.
    package func readinessDetail(for error: any Error) -> String {
        "\(type(of: error))"
    }
}
