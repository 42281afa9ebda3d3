public import Foundation

/// A poller's state as its checkpoint stores it: a small ``summary`` and any number of
/// ``items`` (one per issue, typically), so that no record nears Kafka's message size limit
/// however many issues there are (see ``PollerCheckpointLayout``).
public struct PollerCheckpointParts<Summary: Codable & Sendable, Item: Codable & Sendable & Equatable>: Sendable {
    /// The source time up to which the poller has read (shown by `syncctl status`).
    public var cursor: Date
    /// Everything but the items; must stay well under ``PollerCheckpointLayout/recordLimit``.
    public var summary: Summary
    /// The per-issue parts, by a key unique within the poller.
    public var items: [String: Item]

    /// Creates parts.
    public init(cursor: Date, summary: Summary, items: [String: Item]) {
        self.cursor = cursor
        self.summary = summary
        self.items = items
    }
}
