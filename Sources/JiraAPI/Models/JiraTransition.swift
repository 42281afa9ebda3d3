/// A transition available from an issue's current status (`expand=transitions.fields`).
public struct JiraTransition: Sendable, Hashable, Decodable {
    /// Transition id (per workflow; never hard-code).
    public var id: String
    /// Localized name.
    public var name: String?
    /// The status the transition leads to.
    public var to: JiraStatus?
    /// Whether a screen is shown.
    public var hasScreen: Bool?
    /// Whether the current user may perform it now (absent means available).
    public var isAvailable: Bool?
    /// Screen fields, by field id.
    public var fields: [String: JiraFieldMetadata]

    /// Creates a transition value.
    public init(
        id: String, name: String? = nil, to: JiraStatus? = nil, hasScreen: Bool? = nil,
        isAvailable: Bool? = nil, fields: [String: JiraFieldMetadata] = [:]
    ) {
        self.id = id
        self.name = name
        self.to = to
        self.hasScreen = hasScreen
        self.isAvailable = isAvailable
        self.fields = fields
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, to, hasScreen, isAvailable, fields
    }

    /// Decodes a transition; screen fields of unexpected shape are skipped.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.flexibleID(forKey: .id)
        name = container.lenient(String.self, forKey: .name)
        to = container.lenient(JiraStatus.self, forKey: .to)
        hasScreen = container.lenient(Bool.self, forKey: .hasScreen)
        isAvailable = container.lenient(Bool.self, forKey: .isAvailable)
        fields = container.lenient([String: JiraFieldMetadata].self, forKey: .fields) ?? [:]
    }
}
