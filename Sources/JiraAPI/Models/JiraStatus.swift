/// An issue status (`fields.status`, `transition.to`). Names are localized; use ``category``'s key.
public struct JiraStatus: Sendable, Hashable, Decodable {
    /// Status id (per site, stable).
    public var id: String
    /// Localized display name.
    public var name: String?
    /// The category, whose `key` is stable across languages.
    public var category: JiraStatusCategory?

    /// Creates a status.
    public init(id: String, name: String? = nil, category: JiraStatusCategory? = nil) {
        self.id = id
        self.name = name
        self.category = category
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, statusCategory
    }

    /// Decodes a status; the id may be a string or a number.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = container.flexibleIDIfPresent(forKey: .id) ?? ""
        name = container.lenient(String.self, forKey: .name)
        category = container.lenient(JiraStatusCategory.self, forKey: .statusCategory)
    }
}
