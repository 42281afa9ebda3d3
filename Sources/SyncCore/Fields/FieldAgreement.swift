import Foundation

/// What one writer last established about one synced field of a linked pair: both sides' values
/// when it last wrote one (or found them in step), a write it is about to make, and the newest
/// reading of its source side it handled without writing.
///
/// The same protocol as the status ledger (`docs/status-sync.md`): the pending write is recorded
/// before the write and cleared with the agreement after it, so the write's echo is recognised by
/// its version even after a crash between the two.
public struct FieldAgreement: Sendable, Hashable, Codable {
    /// Guance's value at the agreement (`nil`: nothing agreed yet).
    public var guance: FieldReading?
    /// Jira's value at the agreement (`nil`: nothing agreed yet).
    public var jira: FieldReading?
    /// The side the sync wrote to reach the agreement.
    public var wrote: EventOrigin?
    /// A write about to be made (its values, and the version of the target read before it).
    public var pendingWrite: FieldReading?
    /// The newest reading of the writer's source side (Guance for jira-writer, Jira for
    /// guance-writer) handled without a write: it tells the other writer when that value was first seen.
    public var observed: FieldReading?
    /// The target's reading the write replaced (read just before it): a reading with that value and
    /// version is older than the write, even when the write got the same version (Guance `updateAt`
    /// has whole seconds, so two writes within one second share it).
    public var overwrote: FieldReading?

    /// Creates an agreement.
    public init(
        guance: FieldReading? = nil, jira: FieldReading? = nil, wrote: EventOrigin? = nil,
        pendingWrite: FieldReading? = nil, observed: FieldReading? = nil, overwrote: FieldReading? = nil
    ) {
        self.guance = guance
        self.jira = jira
        self.wrote = wrote
        self.pendingWrite = pendingWrite
        self.observed = observed
        self.overwrote = overwrote
    }

    /// The agreed reading of `side`.
    public func reading(of side: EventOrigin) -> FieldReading? {
        side == .guance ? guance : jira
    }
}
