import Foundation

/// How far a poller has read one source (`sync.checkpoints.v1`, key `<poller>/<scope>`).
///
/// Written only after every event it covers has been acknowledged by the cluster. On restart the
/// poller re-reads from ``cursor`` minus its overlap and drops what ``recentEventIDs`` says it
/// already emitted, so nothing is missed and nothing is emitted twice.
public struct PollerCheckpoint: Sendable, Hashable, Codable {
    /// The poller, e.g. `guance-poller`.
    public var poller: String
    /// What it reads, e.g. a channel or a Jira project.
    public var scope: String
    /// The source time up to which everything has been emitted.
    public var cursor: Date
    /// Ids of events emitted inside the overlap window, to de-duplicate the re-read.
    public var recentEventIDs: [EventID]
    /// Poller-specific state (e.g. per-issue reply cursors), opaque here.
    public var state: [String: String]
    /// When the checkpoint was written (for `syncctl status` to show its age).
    public var writtenAt: Date

    /// Creates a checkpoint.
    public init(
        poller: String, scope: String, cursor: Date, recentEventIDs: [EventID] = [], state: [String: String] = [:],
        writtenAt: Date
    ) {
        self.poller = poller
        self.scope = scope
        self.cursor = cursor
        self.recentEventIDs = recentEventIDs
        self.state = state
        self.writtenAt = writtenAt
    }

    /// The record key: `<poller>/<scope>`.
    public var key: String { "\(poller)/\(scope)" }
}
