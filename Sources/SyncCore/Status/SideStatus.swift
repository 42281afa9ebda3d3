import Foundation

/// One side's status at one moment, as the sync knows it, stamped with that side's own clock
/// (never compared with the local clock; compared with the other side's clock only by the
/// `mostRecent` conflict rule).
public struct SideStatus: Sendable, Hashable, Codable {
    /// Guance or Jira.
    public var side: EventOrigin
    /// Open or done.
    public var category: StatusCategory
    /// The side's own value, for logs: the Guance `statusType`, or the Jira status id.
    public var value: String
    /// The side's version of the issue: Guance `updateAt`; Jira `statuscategorychangedate`
    /// (else `updated`). A later reading of the same issue never has an earlier version.
    public var version: Date?
    /// When the status category last changed, when known: Jira's `statuscategorychangedate`;
    /// for Guance, the `updateAt` of the first snapshot guance-poller saw with this status (a live
    /// read of a Guance issue cannot tell, so it is `nil` there).
    public var changedAt: Date?
    /// When the issue last changed at all (Guance `updateAt`, Jira `updated`): an upper bound on a
    /// status change that left no exact time (Jira Done → Closed keeps `statuscategorychangedate`).
    public var touchedAt: Date?
    /// For a Guance reading from guance-poller: when the poller observed it (its event's
    /// `observedAt`, the poller's own clock). It orders two readings of one Guance version:
    /// `updateAt` has one-second precision, so an issue reopened and resolved within one second
    /// gives two readings of one version, and the one observed later is the newer. Compared only
    /// with another reading from guance-poller; `nil` in a live read and for Jira.
    public var seenAt: Date?
    /// In an agreement only: when the decision this status stands for was made (the carried change's
    /// own time; for the side the sync wrote, the same). `nil` in a plain reading.
    public var decidedAt: Date?

    /// Creates a side status.
    public init(
        side: EventOrigin, category: StatusCategory, value: String, version: Date?, changedAt: Date?, touchedAt: Date? = nil,
        decidedAt: Date? = nil
    ) {
        self.side = side
        self.category = category
        self.value = value
        self.version = version
        self.changedAt = changedAt
        self.touchedAt = touchedAt
        self.decidedAt = decidedAt
    }

    /// This reading as a side of an agreement standing for the decision made at `time`.
    public func decided(at time: Date?) -> SideStatus {
        var status = self
        status.decidedAt = time
        return status
    }

    /// A Guance issue's status (`nil` for an unknown `statusType`).
    /// - Parameters:
    ///   - updatedAt: the issue's `updateAt`.
    ///   - statusChangedAt: when guance-poller first saw this status, if the reading comes from it.
    public static func guance(statusType: Int, updatedAt: Date?, statusChangedAt: Date? = nil) -> SideStatus? {
        guard let category = StatusCategory(guanceStatusType: statusType) else { return nil }
        return SideStatus(
            side: .guance, category: category, value: String(statusType), version: updatedAt, changedAt: statusChangedAt,
            touchedAt: updatedAt)
    }

    /// A Jira issue's status (`nil` for the `undefined` category).
    /// - Parameters:
    ///   - statusCategoryChangedAt: `statuscategorychangedate`, when Jira returns it.
    ///   - updated: the issue's `updated`, the version when the former is missing.
    public static func jira(
        categoryKey: String, statusId: String, statusCategoryChangedAt: Date?, updated: Date?
    ) -> SideStatus? {
        guard let category = StatusCategory(jiraCategoryKey: categoryKey) else { return nil }
        return SideStatus(
            side: .jira, category: category, value: statusId, version: statusCategoryChangedAt ?? updated,
            changedAt: statusCategoryChangedAt, touchedAt: updated)
    }
}
