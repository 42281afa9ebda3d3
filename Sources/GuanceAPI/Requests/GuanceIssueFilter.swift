import RichText

/// One `filters` entry of issue list: `{key, value, equal}` (`equal: false` means "not equal").
/// Whether several filters are ANDed or ORed is not documented.
public struct GuanceIssueFilter: Sendable, Hashable, Encodable {
    /// The field: `resource`, `level`, `statusType`, `creator` or `updator`.
    public var key: String
    /// The value to compare with.
    public var value: JSONValue
    /// `true` for =, `false` for ≠.
    public var equal: Bool

    /// Creates a filter on any key.
    public init(key: String, value: JSONValue, equal: Bool = true) {
        self.key = key
        self.value = value
        self.equal = equal
    }

    /// Filters on the workflow state.
    public static func statusType(_ status: GuanceStatusType, equal: Bool = true) -> GuanceIssueFilter {
        GuanceIssueFilter(key: "statusType", value: .int(Int64(status.rawValue)), equal: equal)
    }

    /// Filters on the level UUID.
    public static func level(_ level: GuanceLevelReference, equal: Bool = true) -> GuanceIssueFilter {
        GuanceIssueFilter(key: "level", value: .string(level.uuid), equal: equal)
    }

    /// Filters on the source name.
    public static func resource(_ name: String, equal: Bool = true) -> GuanceIssueFilter {
        GuanceIssueFilter(key: "resource", value: .string(name), equal: equal)
    }

    /// Filters on the creator (`acnt_…` / `wsak_…`).
    public static func creator(_ uuid: String, equal: Bool = true) -> GuanceIssueFilter {
        GuanceIssueFilter(key: "creator", value: .string(uuid), equal: equal)
    }

    /// Filters on the last updator.
    public static func updator(_ uuid: String, equal: Bool = true) -> GuanceIssueFilter {
        GuanceIssueFilter(key: "updator", value: .string(uuid), equal: equal)
    }
}
