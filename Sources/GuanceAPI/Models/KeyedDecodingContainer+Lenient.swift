import Foundation

/// Lenient field decoding: the Guance docs disagree on types between versions (numbers as strings,
/// floats for integers, `null` for absent), so model decoders accept every plausible spelling and
/// fall back to `nil` instead of failing the whole object.
extension KeyedDecodingContainer {
    /// A string; numbers are converted to their decimal text (traceIds up to 2⁶⁴ stay exact). `nil` if absent, `null` or another type.
    func lenientString(_ key: Key) -> String? {
        if let value = try? decodeIfPresent(String.self, forKey: key) { return value }
        if let value = try? decodeIfPresent(Int64.self, forKey: key) { return String(value) }
        if let value = try? decodeIfPresent(UInt64.self, forKey: key) { return String(value) }
        if let value = try? decodeIfPresent(Double.self, forKey: key) { return String(value) }
        return nil
    }

    /// An integer; accepts integral floats and numeric strings.
    func lenientInt(_ key: Key) -> Int? {
        if let value = try? decodeIfPresent(Int.self, forKey: key) { return value }
        if let value = try? decodeIfPresent(Double.self, forKey: key), let int = Int(exactly: value.rounded()) {
            return int
        }
        if let text = try? decodeIfPresent(String.self, forKey: key) {
            return Int(text.trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    /// A boolean; accepts `0`/`1` and `"true"`/`"false"`.
    func lenientBool(_ key: Key) -> Bool? {
        if let value = try? decodeIfPresent(Bool.self, forKey: key) { return value }
        if let value = try? decodeIfPresent(Int.self, forKey: key) { return value != 0 }
        if let text = try? decodeIfPresent(String.self, forKey: key) {
            switch text.lowercased() {
            case "true", "1": return true
            case "false", "0": return false
            default: return nil
            }
        }
        return nil
    }

    /// Any decodable value, or `nil` when absent, `null` or of another shape.
    func lenient<T: Decodable>(_ type: T.Type, _ key: Key) -> T? {
        (try? decodeIfPresent(type, forKey: key)) ?? nil
    }

    /// An epoch timestamp: seconds as an integer, float or numeric string. `null`, missing, `-1`
    /// and other non-positive values mean "never" and give `nil`. Values above 10¹¹ are taken as
    /// milliseconds (no Guance issue API sends them, but the Incident Center API does).
    func guanceTimestamp(_ key: Key) -> Date? {
        let seconds: Double?
        if let value = try? decodeIfPresent(Double.self, forKey: key) {
            seconds = value
        } else if let text = try? decodeIfPresent(String.self, forKey: key) {
            seconds = Double(text.trimmingCharacters(in: .whitespaces))
        } else {
            seconds = nil
        }
        guard let seconds, seconds.isFinite, seconds > 0 else { return nil }
        let normalized = seconds > 100_000_000_000 ? seconds / 1000 : seconds
        return Date(timeIntervalSince1970: normalized)
    }
}

/// A coding key built from any string, for decoding objects whose keys are only partly known.
struct GuanceAnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { self.stringValue = string }
    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
}
