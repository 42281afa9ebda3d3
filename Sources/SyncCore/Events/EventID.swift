import Crypto
import Foundation

/// A deterministic event id: the same source change always yields the same id, so a re-polled or
/// replayed change collapses into one at the writer.
///
/// The id is `ev1-` followed by the first 32 hex digits (128 bits) of the SHA-256 of the event type
/// and the parts that identify the change (source ids, the source's own version marker such as
/// `updateAt`, and a digest of the content), each length-prefixed so that no two different part
/// lists hash the same input.
public struct EventID: Sendable, Hashable, Codable, CustomStringConvertible, Comparable {
    /// The id as it appears in payloads and the `event-id` header.
    public let rawValue: String

    /// Wraps an id read from a payload or a header.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Derives the id of a change from its type and identifying parts.
    public static func derive(_ type: EventType, _ parts: [String]) -> EventID {
        var hasher = SHA256()
        for part in [type.rawValue] + parts {
            let bytes = Array(part.utf8)
            hasher.update(data: Array("\(bytes.count):".utf8))
            hasher.update(data: bytes)
        }
        return EventID(rawValue: "ev1-" + hex(hasher.finalize().prefix(16)))
    }

    /// A hex SHA-256 digest of some text, for folding content into an id.
    public static func digest(_ text: String) -> String {
        hex(SHA256.hash(data: Array(text.utf8)))
    }

    private static func hex(_ bytes: some Sequence<UInt8>) -> String {
        bytes.map { byte in
            let digits = String(byte, radix: 16)
            return digits.count == 1 ? "0" + digits : digits
        }.joined()
    }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }

    public static func < (lhs: EventID, rhs: EventID) -> Bool { lhs.rawValue < rhs.rawValue }
}
