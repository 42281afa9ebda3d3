import Foundation
import RichText

extension JiraClient {
    /// The authenticated account: `accountId` (Cloud) or `name`/`key` (DC), display name and the
    /// profile `timeZone` that JQL date literals are read in.
    public func myself() async throws -> JiraUser {
        let flavor = try await flavor()
        return try await call(JiraRequest(.GET, flavor.apiPrefix + "/myself", endpoint: "myself"), as: JiraUser.self)
    }

    /// Issue types that can be created in a project (`createmeta/{project}/issuetypes`, all pages;
    /// list key `issueTypes` on Cloud, `values` on DC). Map by id: names are localized.
    public func issueTypes(project: String, pageSize: Int = 50) async throws -> [JiraIssueTypeMetadata] {
        let flavor = try await flavor()
        let path = [flavor.apiPrefix, "issue", "createmeta", JiraRequest.pathSegment(project), "issuetypes"].joined(separator: "/")
        return try await offsetPages(path: path, endpoint: "issue/createmeta/{project}/issuetypes", pageSize: pageSize)
    }

    /// The create-screen fields of an issue type, with allowed values (list key `fields` on Cloud,
    /// `values` on DC).
    public func createFields(project: String, issueTypeId: String, pageSize: Int = 50) async throws -> [JiraFieldMetadata] {
        let flavor = try await flavor()
        let path = [flavor.apiPrefix, "issue", "createmeta", JiraRequest.pathSegment(project), "issuetypes", JiraRequest.pathSegment(issueTypeId)]
            .joined(separator: "/")
        return try await offsetPages(path: path, endpoint: "issue/createmeta/{project}/issuetypes/{type}", pageSize: pageSize)
    }

    /// Priorities allowed for an issue type (the `priority` field's allowed values; respects priority
    /// schemes). Empty when the field is not on the create screen.
    public func priorities(project: String, issueTypeId: String) async throws -> [JiraNamedReference] {
        let fields = try await createFields(project: project, issueTypeId: issueTypeId)
        return fields.first { $0.fieldId == "priority" }?.allowedValues ?? []
    }

    /// Every resolution (Cloud `resolution/search`, paged; DC `resolution`, a plain list).
    public func resolutions() async throws -> [JiraNamedReference] {
        switch try await flavor() {
        case .cloud:
            return try await offsetPages(path: JiraFlavor.cloud.apiPrefix + "/resolution/search", endpoint: "resolution/search", pageSize: 50)
        case .dataCenter:
            let request = JiraRequest(.GET, JiraFlavor.dataCenter.apiPrefix + "/resolution", endpoint: "resolution")
            return try await call(request, as: [JiraNamedReference].self)
        }
    }

    /// Collects every element of an offset-paged GET endpoint.
    private func offsetPages<Element: Decodable & Sendable>(path: String, endpoint: String, pageSize: Int) async throws -> [Element] {
        let sequence = JiraPagedSequence<Element> { [self] cursor in
            let query: [(name: String, value: String)] = [("startAt", String(cursor.startAt)), ("maxResults", String(pageSize))]
            let request = JiraRequest(.GET, path, query: query, endpoint: endpoint)
            return try await call(request, as: JiraOffsetPage<Element>.self).page(requestedStart: cursor.startAt)
        }
        return try await sequence.collect()
    }
}
