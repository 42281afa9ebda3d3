/// A workspace member, as `GET /api/v1/workspace/members/list` returns it: the accounts an issue's
/// assignees (`extend.manager`) name.
public struct GuanceMember: Sendable, Hashable, Decodable, Identifiable {
    /// The account UUID (`acnt_…`).
    public var uuid: String
    /// Display name.
    public var name: String?
    /// E-mail address.
    public var email: String?
    /// Login name.
    public var username: String?
    /// Workspace role (undocumented values, e.g. `owner`, `admin`, `general`, `readOnly`).
    public var role: String?
    /// Account status (undocumented; `0` is taken to mean active, anything else disabled).
    public var status: Int?

    /// `Identifiable` conformance: the UUID.
    public var id: String { uuid }

    /// Creates a member.
    public init(
        uuid: String, name: String? = nil, email: String? = nil, username: String? = nil, role: String? = nil,
        status: Int? = nil
    ) {
        self.uuid = uuid
        self.name = name
        self.email = email
        self.username = username
        self.role = role
        self.status = status
    }

    /// Whether the member is active (the undocumented `status` is absent or `0`).
    public var isActive: Bool { (status ?? 0) == 0 }

    private enum CodingKeys: String, CodingKey {
        case uuid, name, email, username, role, status
    }

    /// Decodes leniently; only `uuid` is required.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        uuid = try container.decode(String.self, forKey: .uuid)
        name = container.lenientString(.name)
        email = container.lenientString(.email)
        username = container.lenientString(.username)
        role = container.lenientString(.role)
        status = container.lenientInt(.status)
    }
}
