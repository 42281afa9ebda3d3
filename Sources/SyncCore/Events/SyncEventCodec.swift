import Foundation

/// Encodes and decodes ``SyncEvent`` payloads (UTF-8 JSON) and their Kafka headers.
///
/// Dates are ISO 8601 in UTC with milliseconds; keys are sorted so that equal events encode to
/// equal bytes.
public enum SyncEventCodec {
    /// Header names every event record carries.
    public enum Header {
        /// The deterministic event id (writers de-duplicate on it).
        public static let eventID = "event-id"
        /// The event type, e.g. `guance.reply.created`.
        public static let eventType = "event-type"
        /// The payload schema version, e.g. `1`.
        public static let schemaVersion = "schema-version"
        /// The origin system, `guance` or `jira` (a loop guard: a writer never sends an event back
        /// to the system it came from).
        public static let origin = "origin"
        /// Always `application/json`.
        public static let contentType = "content-type"
    }

    /// The payload of an event.
    public static func encode(_ event: SyncEvent) throws -> Data {
        try makeEncoder().encode(event)
    }

    /// The headers of an event's record, in a fixed order.
    public static func headers(for event: SyncEvent) -> [(name: String, value: String)] {
        [
            (Header.eventID, event.id.rawValue),
            (Header.eventType, event.type.rawValue),
            (Header.schemaVersion, String(event.schemaVersion)),
            (Header.origin, event.origin.rawValue),
            (Header.contentType, "application/json"),
        ]
    }

    /// Decodes a payload, with a clear error for anything that is not a valid event of a version
    /// this code understands.
    public static func decode(_ data: Data) throws(SyncEventDecodingError) -> SyncEvent {
        do {
            return try makeDecoder().decode(SyncEvent.self, from: data)
        } catch let error as SyncEventDecodingError {
            throw error
        } catch let DecodingError.dataCorrupted(context) {
            throw SyncEventDecodingError(reason: "malformed JSON or value: \(context.debugDescription) at \(path(context))")
        } catch let DecodingError.keyNotFound(key, context) {
            throw SyncEventDecodingError(reason: "missing field \(key.stringValue) at \(path(context))")
        } catch let DecodingError.typeMismatch(_, context) {
            throw SyncEventDecodingError(reason: "wrong type at \(path(context)): \(context.debugDescription)")
        } catch let DecodingError.valueNotFound(_, context) {
            throw SyncEventDecodingError(reason: "null value at \(path(context))")
        } catch {
            throw SyncEventDecodingError(reason: "\(error)")
        }
    }

    /// The JSON encoder used for events (sorted keys, ISO 8601 dates with milliseconds).
    public static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(timestamp(date))
        }
        return encoder
    }

    /// The JSON decoder used for events.
    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            if let date = (try? timestampStyle.parse(text)) ?? (try? Date.ISO8601FormatStyle().parse(text)) {
                return SyncEvent.millisecondPrecision(date)
            }
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an ISO 8601 timestamp: \(text)")
        }
        return decoder
    }

    private static let timestampStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    /// `yyyy-MM-ddTHH:mm:ss.SSSZ`, rounded to the nearest millisecond (the formatter alone truncates,
    /// which would turn a binary fraction such as .123 into .122).
    static func timestamp(_ date: Date) -> String {
        let milliseconds = date.epochMilliseconds
        let (seconds, fraction) = milliseconds.quotientAndRemainder(dividingBy: 1000)
        let whole = Date(timeIntervalSince1970: TimeInterval(fraction < 0 ? seconds - 1 : seconds))
        let text = whole.formatted(Date.ISO8601FormatStyle())
        let millis = String(fraction < 0 ? fraction + 1000 : fraction)
        return text.dropLast() + "." + String(repeating: "0", count: 3 - millis.count) + millis + "Z"
    }

    private static func path(_ context: DecodingError.Context) -> String {
        let path = context.codingPath.map(\.stringValue).joined(separator: ".")
        return path.isEmpty ? "the top level" : path
    }
}

/// A payload that is not a valid event (malformed JSON, unknown type, unsupported schema
/// version, missing field). Writers send such records to the dead-letter topic with this reason.
public struct SyncEventDecodingError: Error, Sendable, CustomStringConvertible {
    /// What is wrong, with the JSON path.
    public var reason: String

    /// Creates an error.
    public init(reason: String) {
        self.reason = reason
    }

    public var description: String { "invalid sync event: \(reason)" }
}
