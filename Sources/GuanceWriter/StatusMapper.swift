import Foundation
public import GuanceAPI
public import SyncCore

/// Maps Jira status changes onto Guance `statusType`, with read-before-write and the conflict rule.
/// Pure: the caller fetches the Guance issue and passes what it saw.
///
/// - `done` → `policies.jiraDoneStatusType` (20 Resolved or 25 Closed); `new` / `indeterminate` → 10 Open.
/// - Equivalent states are not rewritten: 20 and 25 both count as done, 10/15/30 all count as open, so
///   a Guance user's "Working" or "Pending" is never flattened to "Open" by a Jira edit.
/// - For tenants that refuse 15/25 (older deployments), ``usesLegacyStatusTypes`` maps the wanted
///   value through ``GuanceStatusType/legacyFallback`` (25 → 20).
public struct StatusMapper: Sendable {
    /// The `statusType` for Jira's `done` category.
    public var doneStatusType: GuanceStatusType
    /// Who wins when both sides changed status since the last sync.
    public var conflictRule: ConflictRule
    /// Whether the tenant only knows 10/20/30 (learned from a refused 25, or configured).
    public var usesLegacyStatusTypes: Bool

    /// Creates a mapper following `policies`.
    public init(policies: SyncConfiguration.Policies, usesLegacyStatusTypes: Bool = false) {
        self.doneStatusType = GuanceStatusType(rawValue: policies.jiraDoneStatusType)
        self.conflictRule = policies.conflict
        self.usesLegacyStatusTypes = usesLegacyStatusTypes
    }

    /// The Guance value wanted for a Jira status category key, or `nil` for an unknown category.
    public func wantedStatusType(forCategory categoryKey: String) -> GuanceStatusType? {
        let wanted: GuanceStatusType
        switch categoryKey {
        case "done": wanted = doneStatusType
        case "new", "indeterminate": wanted = .open
        default: return nil
        }
        return usesLegacyStatusTypes ? wanted.legacyFallback : wanted
    }

    /// Whether `current` already means the same as `wanted` (done: 20/25; open: 10/15/30).
    /// Unknown values are never equivalent, so they are overwritten with a documented one.
    public static func isEquivalent(_ current: GuanceStatusType, to wanted: GuanceStatusType) -> Bool {
        let done: Set<GuanceStatusType> = [.resolved, .closed]
        let open: Set<GuanceStatusType> = [.open, .working, .pending]
        if done.contains(wanted) { return done.contains(current) }
        if open.contains(wanted) { return open.contains(current) }
        return current == wanted
    }

    /// The decision for `change`, given the Guance issue's current state.
    /// - Parameters:
    ///   - current: the issue's `statusType` as just fetched.
    ///   - guanceChangedAt: when Guance's status last changed (e.g. the issue's `updatedAt`), if known.
    ///   - lastSyncedAt: when the status was last synced for this link, if ever.
    public func decide(
        _ change: JiraStatusChange, current: GuanceStatusType, guanceChangedAt: Date?, lastSyncedAt: Date?
    ) -> StatusDecision {
        let subject = "\(change.issue.key) \(change.categoryKey) (\(change.statusName))"
        guard let wanted = wantedStatusType(forCategory: change.categoryKey) else {
            return StatusDecision(action: .noWrite, reason: "\(subject): unknown status category, Guance left \(current)")
        }
        if Self.isEquivalent(current, to: wanted) {
            return StatusDecision(action: .noWrite, reason: "\(subject): Guance already \(current), equivalent to \(wanted)")
        }
        let write = StatusDecision(action: .write(wanted), reason: "\(subject): Guance \(current) → \(wanted)")
        guard let lastSyncedAt, let guanceChangedAt, guanceChangedAt > lastSyncedAt,
            change.changedAt.map({ $0 > lastSyncedAt }) ?? true else { return write }
        // Both sides changed since the last sync and disagree.
        let conflict = "\(subject): conflict, Guance \(current) changed at \(guanceChangedAt.formatted(.iso8601))"
        switch conflictRule {
        case .jira:
            return StatusDecision(action: .write(wanted), reason: "\(conflict); rule jira → \(wanted)")
        case .guance:
            return StatusDecision(action: .noWrite, reason: "\(conflict); rule guance keeps \(current)")
        case .mostRecent:
            guard let jiraChangedAt = change.changedAt, jiraChangedAt > guanceChangedAt else {
                let when = change.changedAt.map { $0.formatted(.iso8601) } ?? "unknown time"
                return StatusDecision(
                    action: .noWrite, reason: "\(conflict); rule mostRecent: Jira changed at \(when), not later, keeps \(current)"
                )
            }
            return StatusDecision(
                action: .write(wanted),
                reason: "\(conflict); rule mostRecent: Jira changed later at \(jiraChangedAt.formatted(.iso8601)) → \(wanted)"
            )
        }
    }
}
