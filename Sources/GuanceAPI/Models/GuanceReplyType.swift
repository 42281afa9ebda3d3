/// A reply's `type`: `change` (system timeline entry) or `reply` (a comment). Other values are kept.
public struct GuanceReplyType: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The string on the wire.
    public var rawValue: String

    /// Wraps any value.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// A system timeline entry (issue created; status, level or description changed).
    public static let change = GuanceReplyType(rawValue: "change")
    /// A human or API comment.
    public static let reply = GuanceReplyType(rawValue: "reply")

    /// The raw value.
    public var description: String { rawValue }

    /// Decodes the string.
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    /// Encodes the string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
