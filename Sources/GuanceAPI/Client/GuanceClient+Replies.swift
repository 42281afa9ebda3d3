import Foundation
import RichText

extension GuanceClient {
    /// One page of `GET /api/v1/issue/reply/{issue_uuid}/list` (`content` array, top-level `pageInfo`).
    public func listReplies(issueUUID: String, _ query: GuanceReplyListQuery = GuanceReplyListQuery()) async throws
        -> GuancePage<GuanceReply>
    {
        let path = "/api/v1/issue/reply/\(GuanceRequest.segment(issueUUID))/list"
        let request = GuanceRequest.get(path, query: query.queryItems)
        return try await fetchPage(request, pageIndex: query.pageIndex, pageSize: query.pageSize, of: GuanceReply.self)
    }

    /// Every page of an issue's replies, starting at `query.pageIndex`.
    public func replyPages(
        issueUUID: String,
        _ query: GuanceReplyListQuery = GuanceReplyListQuery(),
        maxPages: Int = 10_000
    ) -> GuancePageSequence<GuanceReply> {
        GuancePageSequence(firstPageIndex: query.pageIndex, maxPages: maxPages) { pageIndex in
            var pageQuery = query
            pageQuery.pageIndex = pageIndex
            return try await listReplies(issueUUID: issueUUID, pageQuery)
        }
    }

    /// `POST /api/v1/issue/reply/create`: adds a comment (`type: reply`; `id` is `null` in the answer).
    ///
    /// Not retried once the request may have reached the server (``GuanceAPIError/isOutcomeUnknown``):
    /// list the issue's replies and look for the comment before posting again.
    public func createReply(_ draft: GuanceReplyDraft) async throws -> GuanceReply {
        let request = try GuanceRequest.post("/api/v1/issue/reply/create", body: draft, safety: .nonIdempotent)
        return try await send(request, decode: Self.content(GuanceReply.self)).content
    }

    /// `POST /api/v1/issue/reply/{reply_uuid}/modify`: replaces a reply's content and `extend`
    /// (only the reply's author may edit it). Retried: it sets absolute values.
    public func modifyReply(_ replyUUID: String, _ draft: GuanceReplyDraft) async throws -> GuanceReply {
        let path = "/api/v1/issue/reply/\(GuanceRequest.segment(replyUUID))/modify"
        let request = try GuanceRequest.post(path, body: draft, safety: .idempotent)
        return try await send(request, decode: Self.content(GuanceReply.self)).content
    }

    /// `DELETE /api/v1/issue/reply/{reply_uuid}/delete`. Retried; a "not found" on a retry after a
    /// failed attempt counts as deleted (the earlier attempt probably took effect).
    public func deleteReply(_ replyUUID: String) async throws {
        let path = "/api/v1/issue/reply/\(GuanceRequest.segment(replyUUID))/delete"
        let request = GuanceRequest(method: .DELETE, path: path, safety: .idempotent)
        do {
            let response = try await send(request, decode: Self.content(JSONValue.self))
            if case .bool(false) = response.content {
                throw GuanceAPIError(
                    kind: .rejected,
                    endpoint: request.endpoint,
                    message: "delete answered content=false",
                    traceId: response.traceId
                )
            }
        } catch let error as GuanceAPIError where error.kind == .notFound && error.attempts > 1 {
            logger.info("Guance reply already deleted", metadata: [GuanceLogKey.error: "\(error)"])
        }
    }
}
