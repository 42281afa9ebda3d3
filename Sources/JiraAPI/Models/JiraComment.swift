public import Foundation
public import RichText

/// A comment on an issue.
public struct JiraComment: Sendable, Hashable, Decodable {
    /// Comment id.
    public var id: String
    /// Author (accountId on Cloud, name/key on DC).
    public var author: JiraUser?
    /// Last editor.
    public var updateAuthor: JiraUser?
    /// Body: ADF on Cloud v3, wiki markup on v2.
    public var body: JiraRichText?
    /// `expand=renderedBody`: HTML.
    public var renderedBody: String?
    /// Creation time.
    public var created: Date?
    /// Last edit time (`updated != created` means edited).
    public var updated: Date?
    /// Comment properties (`expand=properties`), by key.
    public var properties: [String: JSONValue]
    /// Visibility restriction (`{"type":"role","value":"Administrators"}`), if any.
    public var visibility: JSONValue?

    /// Creates a comment value.
    public init(
        id: String, author: JiraUser? = nil, updateAuthor: JiraUser? = nil, body: JiraRichText? = nil,
        renderedBody: String? = nil, created: Date? = nil, updated: Date? = nil,
        properties: [String: JSONValue] = [:], visibility: JSONValue? = nil
    ) {
        self.id = id
        self.author = author
        self.updateAuthor = updateAuthor
        self.body = body
        self.renderedBody = renderedBody
        self.created = created
        self.updated = updated
        self.properties = properties
        self.visibility = visibility
    }

    private enum CodingKeys: String, CodingKey {
        case id, author, updateAuthor, body, renderedBody, created, updated, properties, visibility
    }

    /// Decodes a comment; `properties` is Jira's `[{key, value}]` list.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.flexibleID(forKey: .id)
        author = container.lenient(JiraUser.self, forKey: .author)
        updateAuthor = container.lenient(JiraUser.self, forKey: .updateAuthor)
        body = container.lenient(JiraRichText.self, forKey: .body)
        renderedBody = container.lenient(String.self, forKey: .renderedBody)
        created = container.lenient(String.self, forKey: .created).flatMap(JiraTimestamp.parse)
        updated = container.lenient(String.self, forKey: .updated).flatMap(JiraTimestamp.parse)
        let list = container.lenient([JiraEntityProperty].self, forKey: .properties) ?? []
        properties = Dictionary(list.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
        visibility = container.lenient(JSONValue.self, forKey: .visibility)
    }
}
