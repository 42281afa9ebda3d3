import Foundation
import GuanceAPI
import SyncCore

/// What guance-poller remembers about one issue between cycles (kept in the checkpoint).
package struct TrackedIssue: Sendable, Hashable, Codable {
    /// The id of the last snapshot event emitted for the issue.
    package var snapshotEventID: EventID
    /// The issue's `updateAt` at that snapshot.
    package var updatedAt: Date?
    /// The issue's `statusType` at that snapshot.
    package var statusType: Int
    /// When the poller saw the status change last (``SyncCore/GuanceIssueSnapshot/statusChangedAt``).
    package var statusChangedAt: Date?
    /// When the poller last saw the issue or its replies change (poller clock).
    package var lastActivity: Date
    /// When its reply list was last read in full, `nil` if never.
    package var lastReplyCheck: Date?
    /// Reply checks in a row that found nothing new: the back-off exponent.
    package var quietChecks: Int
    /// Set when an issue list showed the issue changed (or new) and its replies were not read since.
    package var replyCheckPending: Bool
    /// Pages the last full read of its reply list took (at least 1): the cost of the next check.
    package var replyListPages: Int
    /// Mirrored replies seen so far.
    package var replies: [String: SeenReply]

    /// Creates a record for an issue seen for the first time: its replies are due at once.
    package init(snapshotEventID: EventID, updatedAt: Date?, statusType: Int, observedAt: Date) {
        self.snapshotEventID = snapshotEventID
        self.updatedAt = updatedAt
        self.statusType = statusType
        self.lastActivity = observedAt
        self.lastReplyCheck = nil
        self.quietChecks = 0
        self.replyCheckPending = true
        self.replyListPages = 1
        self.replies = [:]
    }

    /// Whether the issue is still being worked on (Open, Working, Pending or an unknown state).
    package var isOpen: Bool { GuanceStatusType(rawValue: statusType).isUnresolved }

    /// Records activity: the back-off resets and the replies are due.
    package mutating func markChanged(at time: Date) {
        lastActivity = time
        quietChecks = 0
        replyCheckPending = true
    }

    /// Records a full read of the reply list.
    package mutating func recordReplyCheck(at time: Date, foundChanges: Bool, pages: Int) {
        lastReplyCheck = time
        replyCheckPending = false
        replyListPages = max(1, pages)
        if foundChanges {
            lastActivity = time
            quietChecks = 0
        } else {
            quietChecks = min(quietChecks + 1, Self.maximumQuietChecks)
        }
    }

    /// The exponent cap (2^16 minutes is far beyond any back-off limit).
    static let maximumQuietChecks = 16
}
