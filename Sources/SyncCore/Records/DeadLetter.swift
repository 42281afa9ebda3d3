import Foundation

/// A record a writer could not apply, kept on `sync.dead-letters.v1` with the reason and the
/// original record, so an operator can inspect it and `syncctl dlq redrive` it once the cause is fixed.
public struct DeadLetter: Sendable, Hashable, Codable {
    /// A unique id for `syncctl dlq show/redrive` (derived from the source position, so the same
    /// failure dead-lettered twice after a crash has the same id).
    public var id: String
    /// Why it failed.
    public var reason: Reason
    /// The writer (consumer group) that gave up.
    public var writer: String
    /// When it gave up.
    public var failedAt: Date
    /// How many attempts were made.
    public var attempts: Int
    /// Where the record was read from.
    public var source: Source
    /// The original key (UTF-8).
    public var key: String?
    /// The original headers (values as UTF-8 text; binary values base64 with a `base64:` prefix).
    public var headers: [Header]
    /// The original value, base64 (it may not be valid JSON, which can be the very reason).
    public var valueBase64: String?

    /// Creates a dead letter.
    public init(
        reason: Reason, writer: String, failedAt: Date, attempts: Int, source: Source, key: String?, headers: [Header],
        value: [UInt8]?
    ) {
        self.id = "dl-\(source.topic)-\(source.partition)-\(source.offset)"
        self.reason = reason
        self.writer = writer
        self.failedAt = failedAt
        self.attempts = attempts
        self.source = source
        self.key = key
        self.headers = headers
        self.valueBase64 = value.map { Data($0).base64EncodedString() }
    }

    /// The original value's bytes.
    public var value: [UInt8]? {
        valueBase64.flatMap { Data(base64Encoded: $0) }.map { Array($0) }
    }

    /// A failure reason: a stable machine code and a human message.
    public struct Reason: Sendable, Hashable, Codable {
        /// Stable code, e.g. `invalid-event`, `jira-rejected-field`, `transition-unavailable`.
        public var code: String
        /// What happened, for people (never contains a secret).
        public var message: String

        /// Creates a reason.
        public init(code: String, message: String) {
            self.code = code
            self.message = message
        }
    }

    /// Where the original record was.
    public struct Source: Sendable, Hashable, Codable {
        /// Topic.
        public var topic: String
        /// Partition.
        public var partition: Int32
        /// Offset.
        public var offset: Int64

        /// Creates a source position.
        public init(topic: String, partition: Int32, offset: Int64) {
            self.topic = topic
            self.partition = partition
            self.offset = offset
        }
    }

    /// A header of the original record.
    public struct Header: Sendable, Hashable, Codable {
        /// Name.
        public var name: String
        /// Value as text.
        public var value: String?

        /// Creates a header.
        public init(name: String, value: String?) {
            self.name = name
            self.value = value
        }
    }
}
