/// Every product endpoint the simulator serves, with its path template.
enum SimEndpoint: String, Sendable, CaseIterable {
    case serverInfo, myself, fields, project, projects, issueTypes, statusCategories
    case createIssue, getIssue, editIssue, deleteIssue
    case issuePropertyKeys, getIssueProperty, putIssueProperty
    case listComments, addComment, getComment, updateComment, deleteComment, commentsByIds
    case commentPropertyKeys, getCommentProperty, putCommentProperty
    case upsertRemoteLink, getRemoteLinks, deleteRemoteLink
    case searchJQL, searchRemovedOrLegacy, approximateCount
    case getTransitions, doTransition
    case createMetaIssueTypes, createMetaFields
    case resolutionSearch, resolutions, priorities
    case userSearch, user, assignIssue

    /// Method and path segments after `/rest/api/{version}/`; `{name}` captures a segment.
    var routes: [(method: String, template: String)] {
        switch self {
        case .serverInfo: [("GET", "serverInfo")]
        case .myself: [("GET", "myself")]
        case .fields: [("GET", "field")]
        case .project: [("GET", "project/{project}")]
        case .projects: [("GET", "project")]
        case .issueTypes: [("GET", "issuetype")]
        case .statusCategories: [("GET", "statuscategory")]
        case .createIssue: [("POST", "issue")]
        case .getIssue: [("GET", "issue/{issue}")]
        case .editIssue: [("PUT", "issue/{issue}")]
        case .deleteIssue: [("DELETE", "issue/{issue}")]
        case .issuePropertyKeys: [("GET", "issue/{issue}/properties")]
        case .getIssueProperty: [("GET", "issue/{issue}/properties/{propertyKey}")]
        case .putIssueProperty: [("PUT", "issue/{issue}/properties/{propertyKey}")]
        case .listComments: [("GET", "issue/{issue}/comment")]
        case .addComment: [("POST", "issue/{issue}/comment")]
        case .getComment: [("GET", "issue/{issue}/comment/{commentId}")]
        case .updateComment: [("PUT", "issue/{issue}/comment/{commentId}")]
        case .deleteComment: [("DELETE", "issue/{issue}/comment/{commentId}")]
        case .commentsByIds: [("POST", "comment/list")]
        case .commentPropertyKeys: [("GET", "comment/{commentId}/properties")]
        case .getCommentProperty: [("GET", "comment/{commentId}/properties/{propertyKey}")]
        case .putCommentProperty: [("PUT", "comment/{commentId}/properties/{propertyKey}")]
        case .upsertRemoteLink: [("POST", "issue/{issue}/remotelink")]
        case .getRemoteLinks: [("GET", "issue/{issue}/remotelink")]
        case .deleteRemoteLink: [("DELETE", "issue/{issue}/remotelink")]
        case .searchJQL: [("GET", "search/jql"), ("POST", "search/jql")]
        case .searchRemovedOrLegacy: [("GET", "search"), ("POST", "search")]
        case .approximateCount: [("POST", "search/approximate-count")]
        case .getTransitions: [("GET", "issue/{issue}/transitions")]
        case .doTransition: [("POST", "issue/{issue}/transitions")]
        case .createMetaIssueTypes: [("GET", "issue/createmeta/{project}/issuetypes")]
        case .createMetaFields: [("GET", "issue/createmeta/{project}/issuetypes/{issueTypeId}")]
        case .resolutionSearch: [("GET", "resolution/search")]
        case .resolutions: [("GET", "resolution")]
        case .priorities: [("GET", "priority")]
        case .userSearch: [("GET", "user/search")]
        case .user: [("GET", "user")]
        case .assignIssue: [("PUT", "issue/{issue}/assignee")]
        }
    }

    /// Endpoints only Jira Cloud has.
    var isCloudOnly: Bool {
        [.searchJQL, .approximateCount, .commentsByIds, .resolutionSearch].contains(self)
    }

    /// Writes that count against the per-issue write limit.
    var isIssueWrite: Bool {
        [.editIssue, .assignIssue, .putIssueProperty, .addComment, .updateComment, .deleteComment, .putCommentProperty,
         .upsertRemoteLink, .deleteRemoteLink, .doTransition].contains(self)
    }

    /// A matched route.
    struct Match: Sendable {
        var endpoint: SimEndpoint
        var version: Int
        var parameters: [String: String]
        /// Route template for request counting, e.g. `GET /rest/api/3/issue/{issue}`.
        var label: String
    }

    /// Finds the endpoint for a request path such as `/rest/api/3/issue/OPS-1`.
    static func match(method: String, path: String) -> Match? {
        let segments = path.split(separator: "/").map(String.init)
        guard segments.count >= 4, segments[0] == "rest", segments[1] == "api" else { return nil }
        let versionText = segments[2]
        guard let version = ["2": 2, "3": 3, "latest": 2][versionText] else { return nil }
        let rest = Array(segments.dropFirst(3))
        for endpoint in allCases {
            for route in endpoint.routes where route.method == method {
                let pattern = route.template.split(separator: "/").map(String.init)
                guard pattern.count == rest.count else { continue }
                var parameters: [String: String] = [:]
                var matched = true
                for (expected, actual) in zip(pattern, rest) {
                    if expected.hasPrefix("{") {
                        parameters[String(expected.dropFirst().dropLast())] = actual.removingPercentEncoding ?? actual
                    } else if expected != actual {
                        matched = false
                        break
                    }
                }
                if matched {
                    return Match(
                        endpoint: endpoint, version: version, parameters: parameters,
                        label: "\(method) /rest/api/\(versionText)/\(route.template)")
                }
            }
        }
        return nil
    }
}
