import Foundation
import GuanceAPI
import SyncCore

/// Maps Jira status categories onto Guance `statusType` (whether to write at all is the status
/// ledger's decision, ``SyncCore/StatusArbiter``).
///
/// - `done` → `policies.jiraDoneStatusType` (20 Resolved or 25 Closed); `new` / `indeterminate` → 10 Open.
/// - Equivalent states are not rewritten: 20 and 25 both count as done, 10/15/30 all count as open, so
///   a Guance user's "Working" or "Pending" is never flattened to "Open" by a Jira edit.
/// - For tenants that refuse 15/25 (older deployments), ``usesLegacyStatusTypes`` maps the wanted
///   value through ``GuanceStatusType/legacyFallback`` (25 → 20).
package struct StatusMapper: Sendable {
    /// The `statusType` for Jira's `done` category.
    package var doneStatusType: GuanceStatusType
    /// Whether the tenant only knows 10/20/30 (learned from a refused 25, or configured).
    package var usesLegacyStatusTypes: Bool

    /// Creates a mapper following `policies`.
    package init(policies: SyncConfiguration.Policies, usesLegacyStatusTypes: Bool = false) {
        self.doneStatusType = GuanceStatusType(rawValue: policies.jiraDoneStatusType)
        self.usesLegacyStatusTypes = usesLegacyStatusTypes
    }

    /// The Guance value wanted for a Jira status category key, or `nil` for an unknown category.
    package func wantedStatusType(forCategory categoryKey: String) -> GuanceStatusType? {
        let wanted: GuanceStatusType
        switch categoryKey {
        case "done": wanted = doneStatusType
        case "new", "indeterminate": wanted = .open
        default: return nil
        }
        return usesLegacyStatusTypes ? wanted.legacyFallback : wanted
    }

    /// The Guance value wanted for a ledger category.
    package func wantedStatusType(for category: StatusCategory) -> GuanceStatusType? {
        wantedStatusType(forCategory: category == .done ? "done" : "new")
    }

    /// Whether `current` already means the same as `wanted` (done: 20/25; open: 10/15/30).
    /// Unknown values are never equivalent, so they are overwritten with a documented one.
    package static func isEquivalent(_ current: GuanceStatusType, to wanted: GuanceStatusType) -> Bool {
        let done: Set<GuanceStatusType> = [.resolved, .closed]
        let open: Set<GuanceStatusType> = [.open, .working, .pending]
        if done.contains(wanted) { return done.contains(current) }
        if open.contains(wanted) { return open.contains(current) }
        return current == wanted
    }
}
