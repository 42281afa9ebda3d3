import Foundation

/// A human reply on a Guance issue, as created or after an edit.
public struct GuanceReplyChange: Sendable, Hashable, Codable {
    /// The issue the reply belongs to (the record key).
    public var issueUUID: String
    /// The reply UUID (`repim_…`).
    public var replyUUID: String
    /// The reply text as Guance stores it.
    public var content: String
    /// Who wrote it.
    public var author: GuanceActor
    /// When it was written.
    public var createdAt: Date?
    /// When it was last edited (`latest_modify_time` / `updateAt`), if ever.
    public var updatedAt: Date?

    /// Creates a reply change.
    public init(
        issueUUID: String, replyUUID: String, content: String, author: GuanceActor, createdAt: Date?, updatedAt: Date?
    ) {
        self.issueUUID = issueUUID
        self.replyUUID = replyUUID
        self.content = content
        self.author = author
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}

/// A human reply removed from a Guance issue.
public struct GuanceReplyDeletion: Sendable, Hashable, Codable {
    /// The issue the reply belonged to (the record key).
    public var issueUUID: String
    /// The deleted reply's UUID.
    public var replyUUID: String
    /// When the deletion was noticed or happened (`deleteAt`), if known.
    public var deletedAt: Date?

    /// Creates a reply deletion.
    public init(issueUUID: String, replyUUID: String, deletedAt: Date?) {
        self.issueUUID = issueUUID
        self.replyUUID = replyUUID
        self.deletedAt = deletedAt
    }
}
