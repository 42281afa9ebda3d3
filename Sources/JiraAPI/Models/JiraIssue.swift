public import Foundation
public import RichText

/// An issue as returned by GET issue and by search.
public struct JiraIssue: Sendable, Hashable, Decodable {
    /// Numeric id as a string (stable).
    public var id: String
    /// Current key (changes when an issue moves; GET by an old key still resolves).
    public var key: String
    /// The fields that were requested.
    public var fields: JiraIssueFields
    /// Issue entity properties that were requested (`properties=`), by key.
    public var properties: [String: JSONValue]
    /// `expand=renderedFields`: fields rendered as HTML in the caller's zone and language.
    public var renderedFields: [String: JSONValue]?
    /// `expand=changelog`: the status changes the embedded changelog shows (`nil` when not expanded).
    public var statusHistory: JiraStatusHistory?

    /// Creates an issue value.
    public init(
        id: String, key: String, fields: JiraIssueFields = JiraIssueFields(),
        properties: [String: JSONValue] = [:], renderedFields: [String: JSONValue]? = nil,
        statusHistory: JiraStatusHistory? = nil
    ) {
        self.id = id
        self.key = key
        self.fields = fields
        self.properties = properties
        self.renderedFields = renderedFields
        self.statusHistory = statusHistory
    }

    private enum CodingKeys: String, CodingKey {
        case id, key, fields, properties, renderedFields, changelog
    }

    /// Decodes an issue; missing `fields`/`properties` decode as empty.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.flexibleID(forKey: .id)
        key = container.lenient(String.self, forKey: .key) ?? ""
        fields = container.lenient(JiraIssueFields.self, forKey: .fields) ?? JiraIssueFields()
        properties = container.lenient([String: JSONValue].self, forKey: .properties) ?? [:]
        renderedFields = container.lenient([String: JSONValue].self, forKey: .renderedFields)
        statusHistory = container.lenient(JSONValue.self, forKey: .changelog).flatMap(JiraStatusHistory.init(changelog:))
    }
}
