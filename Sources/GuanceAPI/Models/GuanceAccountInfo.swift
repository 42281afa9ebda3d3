/// `creatorInfo` / `updatorInfo`: who wrote an object. For an API key, `email` and `username` are
/// the key's `wsak_…` UUID and `name` is the key's name.
public struct GuanceAccountInfo: Sendable, Hashable, Decodable {
    /// The account UUID, when sent.
    public var uuid: String?
    /// Display name (the key name for API writes).
    public var name: String?
    /// Login name.
    public var username: String?
    /// Email address.
    public var email: String?
    /// The nickname in this workspace.
    public var workspaceNickname: String?
    /// Avatar URL.
    public var iconURL: String?

    /// Creates account info.
    public init(uuid: String? = nil, name: String? = nil, username: String? = nil, email: String? = nil,
                workspaceNickname: String? = nil, iconURL: String? = nil) {
        self.uuid = uuid
        self.name = name
        self.username = username
        self.email = email
        self.workspaceNickname = workspaceNickname
        self.iconURL = iconURL
    }

    private enum CodingKeys: String, CodingKey {
        case uuid, name, username, email, acntWsNickname, iconUrl
    }

    /// Decodes leniently; every field is optional.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        uuid = container.lenientString(.uuid)
        name = container.lenientString(.name)
        username = container.lenientString(.username)
        email = container.lenientString(.email)
        workspaceNickname = container.lenientString(.acntWsNickname)
        iconURL = container.lenientString(.iconUrl)
    }
}
