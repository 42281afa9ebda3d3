public import JiraAPI

/// A Jira issue found by a label search, reduced to what the link decision needs.
public struct FoundJiraIssue: Sendable, Hashable {
    /// The issue id (stable).
    public var id: String
    /// The key when found.
    public var key: String
    /// Its labels.
    public var labels: [String]

    /// Creates a found issue.
    public init(id: String, key: String, labels: [String]) {
        self.id = id
        self.key = key
        self.labels = labels
    }

    /// Reduces a search result (searched with `fields=labels`).
    public init(_ issue: JiraIssue) {
        self.init(id: issue.id, key: issue.key, labels: issue.fields.labels ?? [])
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
