/// A reference by id and (localized) name: priority, resolution, issue type, project.
public struct JiraNamedReference: Sendable, Hashable, Decodable {
    /// The id: map by this.
    public var id: String
    /// The display name (localized; for display only).
    public var name: String?
    /// Project keys and similar, when the reference has one.
    public var key: String?

    /// Creates a reference.
    public init(id: String, name: String? = nil, key: String? = nil) {
        self.id = id
        self.name = name
        self.key = key
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, key, value
    }

    /// Decodes `{id, name}`, `{id, value}` (select options) or `{id, key}`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = container.flexibleIDIfPresent(forKey: .id) ?? ""
        name = container.lenient(String.self, forKey: .name) ?? container.lenient(String.self, forKey: .value)
        key = container.lenient(String.self, forKey: .key)
    }
}
