import Foundation
import RichText

extension JiraClient {
    /// Issues matching a JQL query, across pages, as an async sequence.
    ///
    /// Cloud uses `POST /rest/api/3/search/jql` with `nextPageToken` (the removed `/search` answers 410
    /// and is never called) and sends ``JiraSearchQuery/reconcileIssueIds`` with every page for
    /// read-after-write. Data Center uses `POST /rest/api/2/search` with `startAt`, advancing by the
    /// number of issues actually returned because the server may shrink `maxResults`.
    public func search(_ query: JiraSearchQuery) throws -> JiraPagedSequence<JiraIssue> {
        guard query.reconcileIssueIds.count <= 50 else {
            throw JiraAPIError.invalidRequest("reconcileIssues takes at most 50 ids (got \(query.reconcileIssueIds.count))")
        }
        guard query.properties.count <= 5 else {
            throw JiraAPIError.invalidRequest("a search returns at most 5 properties (got \(query.properties.count))")
        }
        guard query.pageSize > 0 else { throw JiraAPIError.invalidRequest("pageSize must be positive") }
        return JiraPagedSequence { [self] cursor in
            switch try await flavor() {
            case .cloud: try await cloudSearchPage(query, cursor: cursor)
            case .dataCenter: try await dataCenterSearchPage(query, cursor: cursor)
            }
        }
    }

    private struct TokenPage: Decodable {
        var issues: [JiraIssue]
        var nextPageToken: String?
        var isLast: Bool?
    }

    private func cloudSearchPage(_ query: JiraSearchQuery, cursor: JiraPageCursor) async throws -> JiraPagedSequence<JiraIssue>.Page {
        var body: [String: JSONValue] = [
            "jql": .string(query.jql),
            "fields": .array(query.fields.map(JSONValue.string)),
            "maxResults": .int(Int64(query.pageSize)),
        ]
        if !query.expand.isEmpty { body["expand"] = .string(query.expand.joined(separator: ",")) }
        if !query.properties.isEmpty { body["properties"] = .array(query.properties.map(JSONValue.string)) }
        if !query.reconcileIssueIds.isEmpty {
            body["reconcileIssues"] = .array(query.reconcileIssueIds.map { .int(Int64($0)) })
        }
        if let token = cursor.token { body["nextPageToken"] = .string(token) }
        let request = JiraRequest(
            .POST, JiraFlavor.cloud.apiPrefix + "/search/jql", body: try jsonBody(.object(body)), endpoint: "search/jql")
        let page = try await call(request, as: TokenPage.self)
        let next: JiraPageCursor? =
            if page.isLast == true { nil } else { page.nextPageToken.flatMap { $0.isEmpty ? nil : .token($0) } }
        return JiraPagedSequence.Page(elements: page.issues, next: next)
    }

    private func dataCenterSearchPage(_ query: JiraSearchQuery, cursor: JiraPageCursor) async throws -> JiraPagedSequence<JiraIssue>.Page {
        let startAt = cursor.startAt
        var body: [String: JSONValue] = [
            "jql": .string(query.jql),
            "startAt": .int(Int64(startAt)),
            "maxResults": .int(Int64(query.pageSize)),
            "fields": .array(query.fields.map(JSONValue.string)),
        ]
        if !query.expand.isEmpty { body["expand"] = .array(query.expand.map(JSONValue.string)) }
        if !query.properties.isEmpty { body["properties"] = .array(query.properties.map(JSONValue.string)) }
        let request = JiraRequest(
            .POST, JiraFlavor.dataCenter.apiPrefix + "/search", body: try jsonBody(.object(body)), endpoint: "search")
        return try await call(request, as: JiraOffsetPage<JiraIssue>.self).page(requestedStart: startAt)
    }
}
