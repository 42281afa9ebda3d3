import Foundation
import SyncCore

/// What the poller last emitted for one mirrored reply: enough to tell an edit from a re-read.
public struct SeenReply: Sendable, Hashable, Codable {
    /// SHA-256 of the reply content (see ``EventID/digest(_:)``).
    public var contentDigest: String
    /// The edit time last seen (`latest_modify_time` / `updateAt`), if any.
    public var updatedAt: Date?

    /// Creates a record.
    public init(contentDigest: String, updatedAt: Date?) {
        self.contentDigest = contentDigest
        self.updatedAt = updatedAt
    }
}
