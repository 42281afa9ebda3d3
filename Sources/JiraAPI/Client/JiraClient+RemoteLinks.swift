import Foundation
import RichText

extension JiraClient {
    /// Creates or updates (by ``JiraRemoteLink/globalId``) a remote link. Idempotent, so retried.
    /// - Returns: the link id and whether it was new (201) or updated (200).
    public func upsertRemoteLink(issue: String, _ link: JiraRemoteLink) async throws -> JiraRemoteLinkResult {
        struct Body: Decodable {
            var id: FlexibleID
        }
        let flavor = try await flavor()
        let request = JiraRequest(
            .POST, issuePath(flavor, issue, "remotelink"), body: try jsonBody(link.requestBody),
            endpoint: "issue/{key}/remotelink", issueWriteKey: issue)
        return try await transport.send(request) { response in
            JiraRemoteLinkResult(id: try response.decode(Body.self).id.value, created: response.status == 201)
        }
    }

    /// Deletes the remote link with this `globalId` (idempotent: a link already gone counts as deleted).
    public func deleteRemoteLink(issue: String, globalId: String) async throws {
        let flavor = try await flavor()
        let request = JiraRequest(
            .DELETE, issuePath(flavor, issue, "remotelink"), query: [("globalId", globalId)],
            endpoint: "issue/{key}/remotelink", issueWriteKey: issue)
        try await deleteTreatingNotFoundAsDone(request)
    }
}
