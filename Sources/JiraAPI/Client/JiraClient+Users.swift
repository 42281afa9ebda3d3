import Foundation
import RichText

extension JiraClient {
    /// `PUT /issue/{key}/assignee`: assigns the issue to `user`, or unassigns it (`nil`). Cloud names
    /// the user by `accountId`, Data Center by user `name`. Idempotent (retried).
    public func assign(issue: String, to user: JiraUserReference?) async throws {
        let flavor = try await flavor()
        let body: JSONValue
        switch (flavor, user) {
        case (_, nil): body = flavor == .cloud ? .object(["accountId": .null]) : .object(["name": .null])
        case (.cloud, let user?): body = .object(["accountId": .string(user.accountId ?? user.name ?? "")])
        case (.dataCenter, let user?): body = .object(["name": .string(user.name ?? user.accountId ?? "")])
        }
        try await callIgnoringBody(JiraRequest(
            .PUT, issuePath(flavor, issue, "assignee"), body: try jsonBody(body), endpoint: "issue/{key}/assignee",
            issueWriteKey: issue))
    }

    /// `GET /user/search`: active users matching `query` (a prefix of the display name or e-mail; on Data
    /// Center also the user name). Cloud sends `query=`, Data Center `username=`. Cloud hides the
    /// e-mail of users whose profile says so: compare ``JiraUser/emailAddress`` before trusting a match.
    public func findUsers(_ query: String, maxResults: Int = 50) async throws -> [JiraUser] {
        let flavor = try await flavor()
        let parameter = flavor == .cloud ? "query" : "username"
        let request = JiraRequest(
            .GET, flavor.apiPrefix + "/user/search", query: [(parameter, query), ("maxResults", String(maxResults))],
            endpoint: "user/search")
        return try await call(request, as: [JiraUser].self)
    }

    /// `GET /user`: one user by Cloud `accountId`, or by Data Center user name, else key. `nil` when
    /// no such user exists (404).
    public func user(_ identifier: String) async throws -> JiraUser? {
        let flavor = try await flavor()
        let lookups: [(String, String)] = flavor == .cloud ? [("accountId", identifier)] : [("username", identifier), ("key", identifier)]
        for lookup in lookups {
            do {
                return try await call(
                    JiraRequest(.GET, flavor.apiPrefix + "/user", query: [lookup], endpoint: "user"), as: JiraUser.self)
            } catch let error as JiraAPIError where error.isNotFound {
                continue
            }
        }
        return nil
    }
}

/// A Jira user as an assignee is written: Cloud `accountId`, Data Center user `name`.
public struct JiraUserReference: Sendable, Hashable {
    /// Cloud account id.
    public var accountId: String?
    /// Data Center user name.
    public var name: String?

    /// Creates a reference.
    public init(accountId: String? = nil, name: String? = nil) {
        self.accountId = accountId
        self.name = name
    }

    /// The reference of a user as Jira returned it.
    public init(_ user: JiraUser) {
        self.init(accountId: user.accountId.flatMap { $0.isEmpty ? nil : $0 }, name: user.name.flatMap { $0.isEmpty ? nil : $0 })
    }
}
