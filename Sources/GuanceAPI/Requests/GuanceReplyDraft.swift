/// The body of reply create (`POST /api/v1/issue/reply/create`) and reply modify.
public struct GuanceReplyDraft: Sendable, Hashable, Encodable {
    /// The issue the reply belongs to.
    public var issueUUID: String
    /// The text (may be empty; ≤ 65 535 characters).
    public var content: String
    /// Attachment UUIDs.
    public var attachmentUuids: [String]?
    /// Mentions (`#channel` delivers the issue to that channel, `@member` notifies), `text`, …
    public var extend: GuanceExtend

    /// Creates a reply body.
    public init(issueUUID: String, content: String, attachmentUuids: [String]? = nil, extend: GuanceExtend = GuanceExtend()) {
        self.issueUUID = issueUUID
        self.content = content
        self.attachmentUuids = attachmentUuids
        self.extend = extend
    }
}
