import Foundation

/// A poller's state as its checkpoint stores it: a small ``summary`` and any number of
/// ``items`` (one per issue, typically), so that no record nears Kafka's message size limit
/// however many issues there are (see ``PollerCheckpointLayout``).
package struct PollerCheckpointParts<Summary: Codable & Sendable, Item: Codable & Sendable & Equatable>: Sendable {
    /// The source time up to which the poller has read (shown by `syncctl status`).
    package var cursor: Date
    /// Everything but the items; must stay well under ``PollerCheckpointLayout/recordLimit``.
    package var summary: Summary
    /// The per-issue parts, by a key unique within the poller.
    package var items: [String: Item]

    /// Creates parts.
    package init(cursor: Date, summary: Summary, items: [String: Item]) {
        self.cursor = cursor
        self.summary = summary
        self.items = items
    }
}
