import Foundation

/// One side's value of a synced field at one moment, stamped with that side's own version (Guance
/// `updateAt`, Jira `updated`; never compared with the local clock, and with the other side's clock
/// only by the `mostRecent` conflict rule).
///
/// Values are what the side itself shows: the Guance assignees (`extend.manager`) or level id; the
/// Jira assignee's stable id (Cloud `accountId`, Data Center `key`) or priority id; empty for none.
/// Two readings show the same value when they hold the same values in any order.
public struct FieldReading: Sendable, Hashable, Codable {
    /// Guance or Jira.
    public var side: EventOrigin
    /// The side's own values (empty: nobody assigned, no level or priority).
    public var values: [String]
    /// The side's version of the issue when read: Guance `updateAt`, Jira `updated`. Any edit moves
    /// it, so a later reading of the same issue never has an earlier version.
    public var version: Date?
    /// When this value was first seen by the sync, when known (the version of the first reading that
    /// showed it); `nil` for a live read.
    public var changedAt: Date?
    /// In an agreement only: when the decision it stands for was made.
    public var decidedAt: Date?

    /// Creates a reading.
    public init(side: EventOrigin, values: [String], version: Date?, changedAt: Date? = nil, decidedAt: Date? = nil) {
        self.side = side
        self.values = values
        self.version = version
        self.changedAt = changedAt
        self.decidedAt = decidedAt
    }

    /// Whether `other` shows the same value (the same values, in any order).
    public func showsSameValue(as other: FieldReading) -> Bool {
        Set(values) == Set(other.values)
    }

    /// This reading standing for the decision made at `time`.
    public func decided(at time: Date?) -> FieldReading {
        var reading = self
        reading.decidedAt = time
        return reading
    }

    /// The first value, for fields with one value (level, priority, Jira assignee).
    public var single: String? { values.first }
}
