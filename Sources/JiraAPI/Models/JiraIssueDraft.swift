public import RichText

/// What to create: the fields the sync sets, by id, plus issue properties set in the same call.
public struct JiraIssueDraft: Sendable, Hashable {
    /// Project key or id.
    public var project: String
    /// Issue type id (from ``JiraClient/issueTypes(project:)``; never the localized name).
    public var issueTypeId: String
    /// Summary (Jira allows 255 characters).
    public var summary: String
    /// Description in the flavour's representation.
    public var description: JiraRichText?
    /// Priority id (from the `priority` field's allowed values).
    public var priorityId: String?
    /// Labels (no whitespace; case-sensitive).
    public var labels: [String]
    /// Issue entity properties, by key.
    public var properties: [String: JSONValue]
    /// Any other field, by id, already in Jira's JSON shape (e.g. `customfield_10010`).
    public var extraFields: [String: JSONValue]

    /// Creates a draft.
    public init(
        project: String, issueTypeId: String, summary: String, description: JiraRichText? = nil,
        priorityId: String? = nil, labels: [String] = [], properties: [String: JSONValue] = [:],
        extraFields: [String: JSONValue] = [:]
    ) {
        self.project = project
        self.issueTypeId = issueTypeId
        self.summary = summary
        self.description = description
        self.priorityId = priorityId
        self.labels = labels
        self.properties = properties
        self.extraFields = extraFields
    }

    /// `project` as `{"key":…}` or, when numeric, `{"id":…}`.
    var projectReference: JSONValue {
        project.allSatisfy(\.isNumber) ? .object(["id": .string(project)]) : .object(["key": .string(project)])
    }
}

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

/// An edit of an existing issue: `fields` to set and label operations.
public struct JiraIssueEdit: Sendable, Hashable {
    /// New summary.
    public var summary: String?
    /// New description in the flavour's representation.
    public var description: JiraRichText?
    /// New priority id.
    public var priorityId: String?
    /// Labels to add (idempotent).
    public var addLabels: [String]
    /// Labels to remove (idempotent).
    public var removeLabels: [String]
    /// Other fields to set, by id, in Jira's JSON shape.
    public var extraFields: [String: JSONValue]

    /// Creates an edit.
    public init(
        summary: String? = nil, description: JiraRichText? = nil, priorityId: String? = nil,
        addLabels: [String] = [], removeLabels: [String] = [], extraFields: [String: JSONValue] = [:]
    ) {
        self.summary = summary
        self.description = description
        self.priorityId = priorityId
        self.addLabels = addLabels
        self.removeLabels = removeLabels
        self.extraFields = extraFields
    }
}
