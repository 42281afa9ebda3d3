import Foundation

extension ConflictRule {
    /// The side whose decision stands when both sides decided since the agreement, and the rule as
    /// a log phrase. `mostRecent` keeps the later decision; a tie (or two unknown times) goes to Jira,
    /// so both writers pick the same side. Shared by ``StatusArbiter`` and ``FieldArbiter``.
    public func winner(guanceDecidedAt guance: Date?, jiraDecidedAt jira: Date?) -> (side: EventOrigin, rule: String) {
        switch self {
        case .guance:
            return (.guance, "rule guance")
        case .jira:
            return (.jira, "rule jira")
        case .mostRecent:
            let side: EventOrigin = StatusArbiter.later(guance, than: jira) ? .guance : .jira
            return (side, "rule mostRecent: Guance decided at \(Self.describe(guance)), Jira at \(Self.describe(jira))")
        }
    }

    private static func describe(_ date: Date?) -> String {
        date.map { $0.formatted(.iso8601) } ?? "unknown time"
    }
}
