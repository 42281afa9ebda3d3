public import Foundation
public import RichText

/// The fields of an issue: typed accessors for what the sync reads, plus every field as JSON.
public struct JiraIssueFields: Sendable, Hashable, Decodable {
    /// `summary`.
    public var summary: String?
    /// `description`: ADF on Cloud v3, wiki markup on v2.
    public var description: JiraRichText?
    /// `status` with its category.
    public var status: JiraStatus?
    /// `resolution` (null while open).
    public var resolution: JiraNamedReference?
    /// `resolutiondate`.
    public var resolutionDate: Date?
    /// `priority`.
    public var priority: JiraNamedReference?
    /// `issuetype`.
    public var issueType: JiraNamedReference?
    /// `project`.
    public var project: JiraNamedReference?
    /// `labels`.
    public var labels: [String]?
    /// `created`.
    public var created: Date?
    /// `updated`, the sync cursor field.
    public var updated: Date?
    /// `statuscategorychangedate`: when the status last moved to another category (a flip that
    /// returned between two polls still moves it).
    public var statusCategoryChangeDate: Date?
    /// `updated` exactly as Jira sent it (for `(id, updated)` dedupe keys).
    public var updatedText: String?
    /// `assignee`.
    public var assignee: JiraUser?
    /// `reporter`: who the issue is reported by (anyone with Modify Reporter may change it).
    public var reporter: JiraUser?
    /// `creator`: who created the issue, set by Jira and never changed (Cloud: `accountId`; Data
    /// Center: `name` and `key`).
    public var creator: JiraUser?
    /// Every returned field, by id, including custom fields.
    public var all: [String: JSONValue]

    /// Creates empty fields.
    public init() {
        all = [:]
    }

    /// Decodes the known fields leniently (a field of unexpected shape is left `nil`) and keeps all.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        func key(_ name: String) -> AnyCodingKey { AnyCodingKey(name) }
        summary = container.lenient(String.self, forKey: key("summary"))
        description = container.lenient(JiraRichText.self, forKey: key("description"))
        status = container.lenient(JiraStatus.self, forKey: key("status"))
        resolution = container.lenient(JiraNamedReference.self, forKey: key("resolution"))
        resolutionDate = container.lenient(String.self, forKey: key("resolutiondate")).flatMap(JiraTimestamp.parse)
        priority = container.lenient(JiraNamedReference.self, forKey: key("priority"))
        issueType = container.lenient(JiraNamedReference.self, forKey: key("issuetype"))
        project = container.lenient(JiraNamedReference.self, forKey: key("project"))
        labels = container.lenient([String].self, forKey: key("labels"))
        created = container.lenient(String.self, forKey: key("created")).flatMap(JiraTimestamp.parse)
        statusCategoryChangeDate = container.lenient(String.self, forKey: key("statuscategorychangedate"))
            .flatMap(JiraTimestamp.parse)
        updatedText = container.lenient(String.self, forKey: key("updated"))
        updated = updatedText.flatMap(JiraTimestamp.parse)
        assignee = container.lenient(JiraUser.self, forKey: key("assignee"))
        reporter = container.lenient(JiraUser.self, forKey: key("reporter"))
        creator = container.lenient(JiraUser.self, forKey: key("creator"))
        var everything: [String: JSONValue] = [:]
        for codingKey in container.allKeys {
            everything[codingKey.stringValue] = container.lenient(JSONValue.self, forKey: codingKey) ?? .null
        }
        all = everything
    }
}
