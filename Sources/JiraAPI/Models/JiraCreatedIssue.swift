/// The answer to a create: `{"id":"10000","key":"OPS-24"}`.
public struct JiraCreatedIssue: Sendable, Hashable, Decodable {
    /// Issue id.
    public var id: String
    /// Issue key.
    public var key: String

    /// Creates a value.
    public init(id: String, key: String) {
        self.id = id
        self.key = key
    }

    private enum CodingKeys: String, CodingKey {
        case id, key
    }

    /// Decodes; the id may be a string or a number.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.flexibleID(forKey: .id)
        key = try container.decode(String.self, forKey: .key)
    }
}
