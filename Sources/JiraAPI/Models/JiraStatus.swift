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

/// A status category: `new` (To Do), `indeterminate` (In Progress), `done`, `undefined`.
public struct JiraStatusCategory: Sendable, Hashable, Decodable {
    /// The stable key (`new`, `indeterminate`, `done`, `undefined`).
    public var key: String
    /// Numeric id (1 undefined, 2 new, 3 done, 4 indeterminate).
    public var id: String?
    /// Localized name.
    public var name: String?

    /// The `done` key.
    public static let doneKey = "done"
    /// The `new` (To Do) key.
    public static let newKey = "new"
    /// The `indeterminate` (In Progress) key.
    public static let inProgressKey = "indeterminate"

    /// Creates a category.
    public init(key: String, id: String? = nil, name: String? = nil) {
        self.key = key
        self.id = id
        self.name = name
    }

    private enum CodingKeys: String, CodingKey {
        case key, id, name
    }

    /// Decodes a category; the id may be a string or a number.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        key = container.lenient(String.self, forKey: .key) ?? "undefined"
        id = container.flexibleIDIfPresent(forKey: .id)
        name = container.lenient(String.self, forKey: .name)
    }
}

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
