/// The workflow state of an issue (`statusType`). Unknown values are kept, never rejected.
///
/// 10/20/30 are in every docs version; 15 (Working) and 25 (Closed) only in newer ones, so older
/// tenants may refuse them: ``legacyFallback`` maps them to the closest old value.
public struct GuanceStatusType: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The numeric value sent and received.
    public var rawValue: Int

    /// Wraps any value, known or not.
    public init(rawValue: Int) { self.rawValue = rawValue }

    /// 10: Open (the default for new issues).
    public static let open = GuanceStatusType(rawValue: 10)
    /// 15: Working (newer docs only).
    public static let working = GuanceStatusType(rawValue: 15)
    /// 20: Resolved.
    public static let resolved = GuanceStatusType(rawValue: 20)
    /// 25: Closed (newer docs only).
    public static let closed = GuanceStatusType(rawValue: 25)
    /// 30: Pending.
    public static let pending = GuanceStatusType(rawValue: 30)

    /// Every documented value.
    public static let documented: [GuanceStatusType] = [.open, .working, .resolved, .closed, .pending]

    /// Whether the value is one of the documented five.
    public var isKnown: Bool { Self.documented.contains(self) }

    /// Whether the issue still needs work (Open, Working, Pending). Unknown values count as unresolved.
    public var isUnresolved: Bool { self != .resolved && self != .closed }

    /// The value to use with a tenant that only knows 10/20/30: Working → Open, Closed → Resolved.
    public var legacyFallback: GuanceStatusType {
        switch self {
        case .working: .open
        case .closed: .resolved
        default: self
        }
    }

    /// The documented English name, or `unknown(N)`.
    public var description: String {
        switch self {
        case .open: "open"
        case .working: "working"
        case .resolved: "resolved"
        case .closed: "closed"
        case .pending: "pending"
        default: "unknown(\(rawValue))"
        }
    }

    /// Decodes an integer, an integral float or a numeric string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Int.self) {
            rawValue = value
        } else if let value = try? container.decode(Double.self), let int = Int(exactly: value) {
            rawValue = int
        } else if let text = try? container.decode(String.self), let int = Int(text) {
            rawValue = int
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "statusType is not a number")
        }
    }

    /// Encodes the number.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
