public import JiraAPI

/// A Jira issue found by a label search, reduced to what the link decision needs.
public struct FoundJiraIssue: Sendable, Hashable {
    /// The issue id (stable).
    public var id: String
    /// The key when found.
    public var key: String
    /// Its labels.
    public var labels: [String]
    /// The key of its project, when the search returned `project`.
    public var projectKey: String?
    /// Who created it (set by Jira, unchangeable), when the search returned `creator`.
    public var creator: JiraUser?

    /// The fields a search must return for ``init(_:)`` to fill everything.
    public static let searchFields = ["labels", "project", "creator"]

    /// Creates a found issue.
    public init(id: String, key: String, labels: [String], projectKey: String? = nil, creator: JiraUser? = nil) {
        self.id = id
        self.key = key
        self.labels = labels
        self.projectKey = projectKey
        self.creator = creator
    }

    /// Reduces a search result (searched with ``searchFields``).
    public init(_ issue: JiraIssue) {
        self.init(
            id: issue.id, key: issue.key, labels: issue.fields.labels ?? [], projectKey: issue.fields.project?.key,
            creator: issue.fields.creator)
    }

    /// Orders by numeric id (older issues first); non-numeric ids after, by text.
    static func precedes(_ lhs: FoundJiraIssue, _ rhs: FoundJiraIssue) -> Bool {
        switch (Int64(lhs.id), Int64(rhs.id)) {
        case let (left?, right?): left < right
        case (.some, nil): true
        case (nil, .some): false
        case (nil, nil): lhs.id < rhs.id
        }
    }
}
