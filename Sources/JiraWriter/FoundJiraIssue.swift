import JiraAPI

/// A Jira issue found by a label search, reduced to what the link decision needs.
package struct FoundJiraIssue: Sendable, Hashable {
    /// The issue id (stable).
    package var id: String
    /// The key when found.
    package var key: String
    /// Its labels.
    package var labels: [String]
    /// The key of its project, when the search returned `project`.
    package var projectKey: String?
    /// Who created it (set by Jira, unchangeable), when the search returned `creator`.
    package var creator: JiraUser?

    /// The fields a search must return for ``init(_:)`` to fill everything.
    package static let searchFields = ["labels", "project", "creator"]

    /// Creates a found issue.
    package init(id: String, key: String, labels: [String], projectKey: String? = nil, creator: JiraUser? = nil) {
        self.id = id
        self.key = key
        self.labels = labels
        self.projectKey = projectKey
        self.creator = creator
    }

    /// Reduces a search result (searched with ``searchFields``).
    package init(_ issue: JiraIssue) {
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
