import Foundation

/// The sync's latest write to a Guance issue and who had changed the issue just before it.
///
/// Guance keeps only the last `updator`. When a person changes an issue and the sync writes to it
/// (a status, a field, the back-link) before guance-poller reads it, the next snapshot names the
/// sync's key as the updator of the person's change. The mark lets a change note name the person.
public struct GuanceWriteMark: Sendable, Hashable, Codable {
    /// The issue's `updateAt` after the sync's write (`nil` when Guance did not say).
    public var version: Date?
    /// The `updator` after the write: the sync's own key (`nil` when Guance did not say).
    public var writer: GuanceActor?
    /// The `updator` the write replaced.
    public var displaced: GuanceActor?
    /// The issue's `updateAt` before the write.
    public var displacedVersion: Date?

    /// Creates a mark.
    public init(version: Date?, writer: GuanceActor? = nil, displaced: GuanceActor?, displacedVersion: Date?) {
        self.version = version
        self.writer = writer
        self.displaced = displaced
        self.displacedVersion = displacedVersion
    }

    /// Whether this mark is about the write that produced `version` (Guance versions are seconds;
    /// a ledger round trip may blur the last digits).
    public func produced(_ version: Date?) -> Bool {
        guard let version, let own = self.version else { return false }
        return abs(own.timeIntervalSince(version)) < 0.001
    }

    /// Whether the write was made before (or produced) `version`.
    public func madeBy(_ version: Date?) -> Bool {
        guard let version, let own = self.version else { return false }
        return own.timeIntervalSince(version) < 0.001
    }
}
