import Foundation
public import RichText

extension JiraClient {
    /// An issue property's value, or `nil` when the issue has no such property (404).
    public func issueProperty(issue: String, key: String) async throws -> JSONValue? {
        let flavor = try await flavor()
        return try await property(
            path: issuePath(flavor, issue, "properties", JiraRequest.pathSegment(key)),
            endpoint: "issue/{key}/properties/{property}")
    }

    /// Sets an issue property (PUT; idempotent, retried). Any non-empty JSON up to 32 KB.
    public func setIssueProperty(issue: String, key: String, value: JSONValue) async throws {
        let flavor = try await flavor()
        try await callIgnoringBody(JiraRequest(
            .PUT, issuePath(flavor, issue, "properties", JiraRequest.pathSegment(key)), body: try jsonBody(value),
            endpoint: "issue/{key}/properties/{property}", issueWriteKey: issue))
    }

    /// A comment property's value, or `nil` when absent (404).
    public func commentProperty(commentId: String, key: String) async throws -> JSONValue? {
        let flavor = try await flavor()
        return try await property(
            path: commentPropertyPath(flavor, commentId: commentId, key: key),
            endpoint: "comment/{id}/properties/{property}")
    }

    /// Sets a comment property (PUT; idempotent, retried).
    public func setCommentProperty(commentId: String, key: String, value: JSONValue) async throws {
        let flavor = try await flavor()
        try await callIgnoringBody(JiraRequest(
            .PUT, commentPropertyPath(flavor, commentId: commentId, key: key), body: try jsonBody(value),
            endpoint: "comment/{id}/properties/{property}"))
    }

    private func commentPropertyPath(_ flavor: JiraFlavor, commentId: String, key: String) -> String {
        [flavor.apiPrefix, "comment", JiraRequest.pathSegment(commentId), "properties", JiraRequest.pathSegment(key)]
            .joined(separator: "/")
    }

    private struct PropertyBody: Decodable {
        var value: JSONValue?
    }

    private func property(path: String, endpoint: String) async throws -> JSONValue? {
        do {
            return try await call(JiraRequest(.GET, path, endpoint: endpoint), as: PropertyBody.self).value ?? .null
        } catch let error as JiraAPIError where error.isNotFound {
            return nil
        }
    }
}
