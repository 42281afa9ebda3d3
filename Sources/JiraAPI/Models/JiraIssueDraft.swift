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
