import Foundation

/// A JSON value as the simulator stores and renders it (bodies, properties, ADF documents).
public enum SimJSON: Sendable, Hashable, Codable {
    /// JSON `null`.
    case null
    /// A boolean.
    case bool(Bool)
    /// An integral number.
    case int(Int)
    /// A non-integral number.
    case double(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([SimJSON])
    /// An object.
    case object([String: SimJSON])

    /// Decodes any JSON value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .double(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([SimJSON].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: SimJSON].self))
        }
    }

    /// Encodes the value.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .null: try container.encodeNil()
        case .bool(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .double(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        }
    }

    /// Parses JSON bytes; `nil` when they are not valid JSON.
    public static func parse(_ data: Data) -> SimJSON? {
        try? JSONDecoder().decode(SimJSON.self, from: data)
    }

    /// Serializes the value (keys sorted so output is stable).
    public func serialized() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(self)) ?? Data("null".utf8)
    }

    /// The member `key` of an object, or `nil`.
    public subscript(key: String) -> SimJSON? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The string payload, or `nil`.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The integer payload (also from integral strings such as `"10000"`), or `nil`.
    public var intValue: Int? {
        switch self {
        case .int(let value): return value
        case .double(let value) where value == value.rounded(): return Int(value)
        case .string(let value): return Int(value)
        default: return nil
        }
    }

    /// The array payload, or `nil`.
    public var arrayValue: [SimJSON]? {
        if case .array(let value) = self { return value }
        return nil
    }

    /// The object payload, or `nil`.
    public var objectValue: [String: SimJSON]? {
        if case .object(let value) = self { return value }
        return nil
    }

    /// Whether the value is JSON `null`.
    public var isNull: Bool { self == .null }
}

extension SimJSON: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    /// Creates a string value.
    public init(stringLiteral value: String) { self = .string(value) }
    /// Creates an integer value.
    public init(integerLiteral value: Int) { self = .int(value) }
    /// Creates a boolean value.
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    /// Creates an array value.
    public init(arrayLiteral elements: SimJSON...) { self = .array(elements) }
    /// Creates an object value.
    public init(dictionaryLiteral elements: (String, SimJSON)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
    /// Creates `null`.
    public init(nilLiteral: ()) { self = .null }
}

extension SimJSON {
    /// A string value, or `null` when `value` is `nil`.
    static func optional(_ value: String?) -> SimJSON {
        value.map(SimJSON.string) ?? .null
    }
}
