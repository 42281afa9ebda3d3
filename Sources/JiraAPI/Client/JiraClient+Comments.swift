import Foundation
public import RichText

extension JiraClient {
    /// An issue's comments across pages (`expand=properties` by default, for sync markers).
    /// - Parameters:
    ///   - orderBy: `created`, `+created` or `-created`.
    ///   - includeRenderedBody: also return `renderedBody` (HTML).
    ///   - pageSize: requested page size (Cloud default 100, DC 50).
    public func comments(
        issue: String, orderBy: String = "created", includeProperties: Bool = true,
        includeRenderedBody: Bool = false, pageSize: Int = 100
    ) -> JiraPagedSequence<JiraComment> {
        let expand = [includeProperties ? "properties" : nil, includeRenderedBody ? "renderedBody" : nil].compactMap { $0 }
        return JiraPagedSequence { [self] cursor in
            let flavor = try await flavor()
            var query: [(name: String, value: String)] = [
                ("startAt", String(cursor.startAt)), ("maxResults", String(pageSize)), ("orderBy", orderBy),
            ]
            if !expand.isEmpty { query.append(("expand", expand.joined(separator: ","))) }
            let request = JiraRequest(.GET, issuePath(flavor, issue, "comment"), query: query, endpoint: "issue/{key}/comment")
            return try await call(request, as: JiraOffsetPage<JiraComment>.self).page(requestedStart: cursor.startAt)
        }
    }

    /// Adds a comment with its properties in one call.
    ///
    /// Never retried on an unknown outcome (``JiraAPIError/ambiguousOutcome(operation:cause:)``):
    /// list the comments and look for the marker property before adding again.
    /// - Parameter visibility: e.g. `{"type":"role","value":"Administrators"}`.
    public func addComment(
        issue: String, body: JiraRichText, properties: [String: JSONValue] = [:], visibility: JSONValue? = nil
    ) async throws -> JiraComment {
        let flavor = try await flavor()
        try requireNative(body, for: flavor)
        var payload: [String: JSONValue] = ["body": try jsonValue(body)]
        if !properties.isEmpty {
            payload["properties"] = entityPropertyList(properties)
        }
        if let visibility { payload["visibility"] = visibility }
        let request = JiraRequest(
            .POST, issuePath(flavor, issue, "comment"), query: [("expand", "properties")], body: try jsonBody(.object(payload)),
            endpoint: "issue/{key}/comment", issueWriteKey: issue, repeatability: .nonIdempotent)
        return try await call(request, as: JiraComment.self)
    }

    /// Replaces a comment's body (idempotent; retried).
    public func updateComment(issue: String, commentId: String, body: JiraRichText, notifyUsers: Bool? = nil) async throws -> JiraComment {
        let flavor = try await flavor()
        try requireNative(body, for: flavor)
        var query: [(name: String, value: String)] = [("expand", "properties")]
        if let notifyUsers { query.append(("notifyUsers", String(notifyUsers))) }
        let request = JiraRequest(
            .PUT, issuePath(flavor, issue, "comment", JiraRequest.pathSegment(commentId)), query: query,
            body: try jsonBody(.object(["body": try jsonValue(body)])),
            endpoint: "issue/{key}/comment/{id}", issueWriteKey: issue)
        return try await call(request, as: JiraComment.self)
    }

    /// Deletes a comment. A 404 (already gone, e.g. after a retried delete) counts as success.
    public func deleteComment(issue: String, commentId: String) async throws {
        let flavor = try await flavor()
        let request = JiraRequest(
            .DELETE, issuePath(flavor, issue, "comment", JiraRequest.pathSegment(commentId)),
            endpoint: "issue/{key}/comment/{id}", issueWriteKey: issue)
        try await deleteTreatingNotFoundAsDone(request)
    }
}
