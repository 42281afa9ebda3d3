public import RichText

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
