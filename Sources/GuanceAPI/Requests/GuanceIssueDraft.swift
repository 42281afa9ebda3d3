/// The body of `POST /api/v1/issue/add`. New issues start Open (create does not document `statusType`).
public struct GuanceIssueDraft: Sendable, Hashable, Encodable {
    /// The title (≤ 256 characters).
    public var name: String
    /// The level (`""` allowed).
    public var level: GuanceLevelReference
    /// The description (HTML or plain text).
    public var description: String
    /// Assignees, mentions, links (`{}` at minimum).
    public var extend: GuanceExtend
    /// Attachment UUIDs from the attachment upload endpoint.
    public var attachmentUuids: [String]?
    /// `event`, `dashboard` or `viewer`.
    public var resourceType: String?
    /// The source object id.
    public var resourceUUID: String?
    /// The source name.
    public var resource: String?
    /// Extra channels (the issue is always in the default channel too).
    public var channelUUIDs: [String]?

    /// Creates a draft.
    public init(
        name: String,
        level: GuanceLevelReference = .none,
        description: String,
        extend: GuanceExtend = GuanceExtend(),
        attachmentUuids: [String]? = nil,
        resourceType: String? = nil,
        resourceUUID: String? = nil,
        resource: String? = nil,
        channelUUIDs: [String]? = nil
    ) {
        self.name = name
        self.level = level
        self.description = description
        self.extend = extend
        self.attachmentUuids = attachmentUuids
        self.resourceType = resourceType
        self.resourceUUID = resourceUUID
        self.resource = resource
        self.channelUUIDs = channelUUIDs
    }
}
