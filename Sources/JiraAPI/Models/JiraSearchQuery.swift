/// A JQL search. Cloud pages with `nextPageToken` (no total), Data Center with `startAt`.
public struct JiraSearchQuery: Sendable, Hashable {
    /// The JQL; must be bounded on Cloud (a restriction, not only `ORDER BY`).
    public var jql: String
    /// Fields to return (Cloud returns only `id` when none are named).
    public var fields: [String]
    /// Expansions, e.g. `renderedFields`.
    public var expand: [String]
    /// Issue properties to return (≤ 5).
    public var properties: [String]
    /// Requested page size (the server may return fewer).
    public var pageSize: Int
    /// Cloud only: issue ids to read-after-write reconcile (≤ 50), sent with every page.
    public var reconcileIssueIds: [Int]

    /// Creates a query.
    public init(
        jql: String, fields: [String] = ["summary", "status", "resolution", "labels", "updated", "priority", "issuetype"],
        expand: [String] = [], properties: [String] = [], pageSize: Int = 100, reconcileIssueIds: [Int] = []
    ) {
        self.jql = jql
        self.fields = fields
        self.expand = expand
        self.properties = properties
        self.pageSize = pageSize
        self.reconcileIssueIds = reconcileIssueIds
    }
}
