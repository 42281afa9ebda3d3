public import RichText

/// An entity property `{key, value}`.
public struct JiraEntityProperty: Sendable, Hashable, Codable {
    /// Property key (≤ 255 characters).
    public var key: String
    /// Any non-empty JSON (≤ 32 KB).
    public var value: JSONValue

    /// Creates a property.
    public init(key: String, value: JSONValue) {
        self.key = key
        self.value = value
    }
}
