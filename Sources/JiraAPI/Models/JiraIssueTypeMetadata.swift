/// An issue type offered by create metadata.
public struct JiraIssueTypeMetadata: Sendable, Hashable, Decodable {
    /// Issue type id: map by this, not by the localized name.
    public var id: String
    /// Localized name (`Bug`, `缺陷`).
    public var name: String?
    /// Whether it is a sub-task type.
    public var subtask: Bool

    /// Creates metadata.
    public init(id: String, name: String? = nil, subtask: Bool = false) {
        self.id = id
        self.name = name
        self.subtask = subtask
    }

    private enum CodingKeys: String, CodingKey {
        case id, name, subtask
    }

    /// Decodes leniently.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.flexibleID(forKey: .id)
        name = container.lenient(String.self, forKey: .name)
        subtask = container.lenient(Bool.self, forKey: .subtask) ?? false
    }
}
