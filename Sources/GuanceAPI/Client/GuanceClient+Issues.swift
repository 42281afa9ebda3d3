import Foundation

extension GuanceClient {
    /// One page of `POST /api/v1/issue/list`.
    public func listIssues(_ query: GuanceIssueListQuery) async throws -> GuancePage<GuanceIssue> {
        var query = query
        query.timeUnit = configuration.issueListTimeUnit
        let request = try GuanceRequest.post("/api/v1/issue/list", body: query, safety: .idempotent)
        return try await fetchPage(request, pageIndex: query.pageIndex, pageSize: query.pageSize, of: GuanceIssue.self)
    }

    /// Every page of issue list matching `query`, starting at `query.pageIndex`.
    ///
    /// Issue list has no sort parameter, so issues created while paging can shift pages; callers that
    /// need completeness should dedupe by UUID and re-list on their next cycle.
    public func issuePages(_ query: GuanceIssueListQuery, maxPages: Int = 10_000) -> GuancePageSequence<GuanceIssue> {
        GuancePageSequence(firstPageIndex: query.pageIndex, maxPages: maxPages) { pageIndex in
            var pageQuery = query
            pageQuery.pageIndex = pageIndex
            return try await listIssues(pageQuery)
        }
    }

    /// `GET /api/v1/issue/{uuid}/get`: one issue, with the get-only ``GuanceIssue/details``.
    /// - Throws: ``GuanceAPIError`` with kind `.notFound` for an unknown UUID (the answer for unknown
    ///   or deleted UUIDs is undocumented; a 404 envelope or a `…NotFound` errorCode both map here).
    public func issue(_ uuid: String) async throws -> GuanceIssue {
        let request = GuanceRequest.get("/api/v1/issue/\(GuanceRequest.segment(uuid))/get")
        return try await send(request, decode: Self.content(GuanceIssue.self)).content
    }

    /// `POST /api/v1/issue/add`: creates an issue (it starts Open).
    ///
    /// Not retried once the request may have reached the server: on such failures the error has
    /// ``GuanceAPIError/isOutcomeUnknown`` set; look for the issue (e.g. by name) before adding again.
    public func addIssue(_ draft: GuanceIssueDraft) async throws -> GuanceIssue {
        let request = try GuanceRequest.post("/api/v1/issue/add", body: draft, safety: .nonIdempotent)
        return try await send(request, decode: Self.content(GuanceIssue.self)).content
    }

    /// `POST /api/v1/issue/{uuid}/modify` with an explicit body. `modification.extend` replaces the
    /// issue's `extend`: build it with ``GuanceIssueModification/init(preserving:)`` or use
    /// ``updateIssue(_:_:)``.
    ///
    /// Retried like a read: the body sets absolute values, so repeating it is harmless (the server
    /// may log one more `change` reply).
    public func modifyIssue(_ uuid: String, _ modification: GuanceIssueModification) async throws -> GuanceIssue {
        let path = "/api/v1/issue/\(GuanceRequest.segment(uuid))/modify"
        let request = try GuanceRequest.post(path, body: modification, safety: .idempotent)
        return try await send(request, decode: Self.content(GuanceIssue.self)).content
    }

    /// Fetches the issue, lets `change` edit a modification that re-sends the current `extend`
    /// (assignees, channels, links, unknown keys), and sends it. Costs two requests.
    /// - Parameter resendingNameLevelAndDescription: see
    ///   ``GuanceIssueModification/init(preserving:resendingNameLevelAndDescription:)``.
    public func updateIssue(
        _ uuid: String,
        resendingNameLevelAndDescription: Bool = false,
        _ change: (inout GuanceIssueModification) -> Void
    ) async throws -> GuanceIssue {
        let current = try await issue(uuid)
        var modification = GuanceIssueModification(
            preserving: current,
            resendingNameLevelAndDescription: resendingNameLevelAndDescription
        )
        change(&modification)
        return try await modifyIssue(uuid, modification)
    }
}
