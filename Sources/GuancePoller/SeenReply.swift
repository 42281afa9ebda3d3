import Foundation
import SyncCore

/// What the poller last emitted for one mirrored reply: enough to tell an edit from a re-read.
package struct SeenReply: Sendable, Hashable, Codable {
    /// The first 16 hex digits (64 bits) of the SHA-256 of the reply content: enough to tell an
    /// edit, and small enough to keep thousands of replies in one checkpoint record.
    package var contentDigest: String
    /// The edit time last seen (`latest_modify_time` / `updateAt`), if any.
    package var updatedAt: Date?

    /// The digest of some reply content, as stored in ``contentDigest``.
    package static func digest(of content: String) -> String {
        String(EventID.digest(content).prefix(16))
    }

    /// Creates a record.
    package init(contentDigest: String, updatedAt: Date?) {
        self.contentDigest = contentDigest
        self.updatedAt = updatedAt
    }
}
