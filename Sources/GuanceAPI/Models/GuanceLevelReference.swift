/// An issue's `level`: a level UUID (`system_level_0…3`, custom `issl_…`, or `""` for none) in
/// current docs, an integer (`0…2`) in the oldest ones. The received form is kept and re-encoded as is.
public struct GuanceLevelReference: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The two wire forms.
    public enum Raw: Sendable, Hashable {
        /// A level UUID (possibly empty).
        case uuid(String)
        /// A legacy integer level.
        case number(Int)
    }

    /// The form as received (or as chosen by the caller).
    public var raw: Raw

    /// Wraps a raw form.
    public init(_ raw: Raw) { self.raw = raw }

    /// A level UUID.
    public init(uuid: String) { self.raw = .uuid(uuid) }

    /// No level (`""`, allowed by issue add).
    public static let none = GuanceLevelReference(uuid: "")

    /// System level `index` (`system_level_<index>`; 0…3 are P0, P1, P2 and Unknown/P3).
    public static func system(_ index: Int) -> GuanceLevelReference {
        GuanceLevelReference(uuid: "system_level_\(index)")
    }

    /// The level as a UUID. A legacy integer `N` maps to `system_level_N` (an assumption: the old
    /// integers and the system levels are both "0 = most severe").
    public var uuid: String {
        switch raw {
        case .uuid(let value): value
        case .number(let value): "system_level_\(value)"
        }
    }

    /// The system level index, for `system_level_N` and legacy integers; `nil` for custom levels.
    public var systemIndex: Int? {
        switch raw {
        case .number(let value): return value
        case .uuid(let value):
            guard value.hasPrefix("system_level_") else { return nil }
            return Int(value.dropFirst("system_level_".count))
        }
    }

    /// Whether this is a custom level (`issl_…`).
    public var isCustom: Bool { uuid.hasPrefix("issl_") }

    /// Whether no level is set.
    public var isNone: Bool { raw == .uuid("") }

    /// The UUID form.
    public var description: String { uuid }

    /// Decodes a string or an integer (an integral float is accepted as an integer).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            raw = .uuid(text)
        } else if let value = try? container.decode(Int.self) {
            raw = .number(value)
        } else if let value = try? container.decode(Double.self), let int = Int(exactly: value) {
            raw = .number(int)
        } else if container.decodeNil() {
            raw = .uuid("")
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "level is neither a string nor an integer")
        }
    }

    /// Encodes the form as received.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch raw {
        case .uuid(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        }
    }
}
