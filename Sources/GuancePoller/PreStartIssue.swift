import Foundation

/// What guance-poller remembers about an **open** issue that was last changed before its start
/// time (``GuancePollerState/syncFrom``): not synced, not tracked, only its reply list is read now
/// and then, because a reply that does not bump the issue's `updateAt` (undocumented either way)
/// is the one change the issue lists cannot show. A few dozen bytes each in the checkpoint.
///
/// Resolved issues from before the start time are not remembered at all: they cost nothing but
/// their share of the sweep's list pages until they change.
package struct PreStartIssue: Sendable, Hashable, Codable {
    /// When the poller first saw the issue (poller clock).
    package var firstSeen: Date
    /// When its reply list was last read, `nil` if never.
    package var lastReplyCheck: Date?

    /// Creates a record for an issue seen for the first time.
    package init(firstSeen: Date) {
        self.firstSeen = firstSeen
        self.lastReplyCheck = nil
    }

    /// When its replies are next due, reading them every `interval`. The first read is spread over
    /// the first interval by a stable hash of the UUID, so the issues found by one sweep do not all
    /// fall due in the same cycle.
    package func nextReplyCheck(uuid: String, interval: TimeInterval) -> Date {
        if let lastReplyCheck { return lastReplyCheck.addingTimeInterval(interval) }
        return firstSeen.addingTimeInterval(interval * Self.spread(of: uuid))
    }

    /// A fraction in `[0, 1)` from the UUID (FNV-1a; the same in every process, unlike `hashValue`).
    static func spread(of uuid: String) -> Double {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in uuid.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return Double(hash % 10_000) / 10_000
    }
}
