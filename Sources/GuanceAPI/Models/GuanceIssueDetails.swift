import RichText

/// The fields only `issue/{uuid}/get` returns.
public struct GuanceIssueDetails: Sendable, Hashable, Decodable {
    /// An attachment: `{fileName, fileSuffix, uuid:"att_…"}`.
    public struct Attachment: Sendable, Hashable, Decodable {
        /// The attachment UUID.
        public var uuid: String?
        /// The file name.
        public var fileName: String?
        /// The file suffix.
        public var fileSuffix: String?
    }

    /// A channel the issue is in: `{name:"default", uuid:"chan_…"}`.
    public struct ChannelBinding: Sendable, Hashable, Decodable {
        /// The channel UUID.
        public var uuid: String?
        /// The channel name (`default` for the default channel).
        public var name: String?
    }

    /// Level display info: `{color, name}`.
    public struct LevelInfo: Sendable, Hashable, Decodable {
        /// The level's colour, e.g. `#C9C9C9`.
        public var color: String?
        /// The level's display name, e.g. `未知`.
        public var name: String?
    }

    /// Attachments.
    public var attachments: [Attachment]
    /// Channels the issue is in.
    public var bindChannels: [ChannelBinding]
    /// Level display info.
    public var levelInfo: LevelInfo?
    /// One entry per assignee: an account, a `{name, uuid:"group_…"}` team, or `{email, name}`.
    public var managerInfos: [JSONValue]
    /// `{business, organization}`.
    public var declaration: JSONValue?

    private enum CodingKeys: String, CodingKey {
        case attachments, bindChannels, levelInfo, managerInfos, declaration
    }

    /// Decodes leniently: missing or odd-shaped fields become empty.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        attachments = container.lenient([Attachment].self, .attachments) ?? []
        bindChannels = container.lenient([ChannelBinding].self, .bindChannels) ?? []
        levelInfo = container.lenient(LevelInfo.self, .levelInfo)
        managerInfos = container.lenient([JSONValue].self, .managerInfos) ?? []
        declaration = container.lenient(JSONValue.self, .declaration)
    }

    /// Whether any get-only field was present.
    var isEmpty: Bool {
        attachments.isEmpty && bindChannels.isEmpty && levelInfo == nil && managerInfos.isEmpty && declaration == nil
    }
}
