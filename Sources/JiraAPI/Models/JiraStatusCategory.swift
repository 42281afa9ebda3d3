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
