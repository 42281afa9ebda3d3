/// A coding key for any member name.
struct AnyCodingKey: CodingKey, Hashable {
    var stringValue: String
    var intValue: Int? { nil }

    init(_ name: String) { stringValue = name }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
}

/// An identifier Jira sends as a string in some places and as a number in others
/// (`"id":"10000"` for issues and comments, `"id":10000` for remote links and status categories).
struct FlexibleID: Decodable, Hashable, Sendable {
    var value: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            value = text
        } else {
            value = String(try container.decode(Int64.self))
        }
    }
}

extension KeyedDecodingContainer {
    /// An id that may be a string or a number.
    func flexibleID(forKey key: Key) throws -> String {
        try decode(FlexibleID.self, forKey: key).value
    }

    /// An optional id that may be a string or a number.
    func flexibleIDIfPresent(forKey key: Key) -> String? {
        (try? decodeIfPresent(FlexibleID.self, forKey: key))??.value
    }

    /// A value decoded leniently: `nil` when absent, `null` or of an unexpected shape.
    func lenient<Value: Decodable>(_ type: Value.Type, forKey key: Key) -> Value? {
        (try? decodeIfPresent(type, forKey: key)) ?? nil
    }
}
