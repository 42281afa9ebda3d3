/// Which kind of Jira deployment the client talks to; it decides the REST API version, the rich-text
/// representation and the search endpoint.
public enum JiraFlavor: String, Sendable, Hashable, CaseIterable {
    /// Jira Cloud (`*.atlassian.net`): REST v3, ADF bodies, `/search/jql` with `nextPageToken`.
    case cloud
    /// Jira Data Center / Server: REST v2, wiki-markup strings, `/search` with `startAt`.
    case dataCenter

    /// The REST path prefix used for every product call, e.g. `/rest/api/3`.
    public var apiPrefix: String {
        switch self {
        case .cloud: "/rest/api/3"
        case .dataCenter: "/rest/api/2"
        }
    }

    /// Maps `serverInfo.deploymentType` (`Cloud`, `Server`, `DataCenter`) to a flavour; `nil` for
    /// values that do not say (the caller then keeps its configured or default choice).
    public init?(deploymentType: String) {
        switch deploymentType.lowercased() {
        case "cloud": self = .cloud
        case "server", "datacenter", "data center", "data_center": self = .dataCenter
        default: return nil
        }
    }
}
