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
    /// issue's `extend`: build it with ``GuanceIssueModification/init(preserving:)`` from an issue
    /// read just before, or use ``updateIssue(_:resendingNameLevelAndDescription:changing:)``.
    ///
    /// Sent once, never retried by the client: the body re-sends the `extend` read before, and
    /// repeated after a wait it would undo a change someone made meanwhile (Guance has no
    /// compare-and-set). A failure is the caller's to handle by reading again.
    public func modifyIssue(_ uuid: String, _ modification: GuanceIssueModification) async throws -> GuanceIssue {
        let path = "/api/v1/issue/\(GuanceRequest.segment(uuid))/modify"
        let request = try GuanceRequest.post(path, body: modification, safety: .readModifyWrite)
        return try await send(request, decode: Self.content(GuanceIssue.self)).content
    }

    /// Reads the issue and modifies it, with the read and the modify back to back (their budget is
    /// taken together, see ``withReservedRequests(_:_:)``): `change` edits a modification that
    /// re-sends the issue's current `extend` (assignees, channels, links, unknown keys) and says
    /// whether to send it. A retriable failure (throttled, 5xx, timeout) reads again and re-applies
    /// `change` after the retry policy's back-off, so a change made meanwhile is kept, never undone.
    /// Costs two requests per attempt (one when `change` sends nothing).
    /// - Parameters:
    ///   - resendingNameLevelAndDescription: see
    ///     ``GuanceIssueModification/init(preserving:resendingNameLevelAndDescription:)``.
    ///   - change: edits the modification for the issue as just read; returns `false` to send nothing.
    /// - Returns: the issue as read before the modify, and as modified (`nil` when nothing was sent).
    public func updateIssue(
        _ uuid: String,
        resendingNameLevelAndDescription: Bool = false,
        changing change: (GuanceIssue, inout GuanceIssueModification) throws -> Bool
    ) async throws -> GuanceIssueUpdate {
        var failures = 0
        while true {
            // A failed read ends the update (reads are retried inside `send` already); a failed
            // modify reads again, unless it cannot be retried or the attempts are used up.
            let attempt: Result<GuanceIssueUpdate, GuanceAPIError> = try await withReservedRequests(2) {
                let current = try await issue(uuid)
                var modification = GuanceIssueModification(
                    preserving: current, resendingNameLevelAndDescription: resendingNameLevelAndDescription)
                guard try change(current, &modification) else { return .success(GuanceIssueUpdate(read: current, modified: nil)) }
                do {
                    return .success(GuanceIssueUpdate(read: current, modified: try await modifyIssue(uuid, modification)))
                } catch let error as GuanceAPIError {
                    return .failure(error)
                }
            }
            switch attempt {
            case .success(let update):
                return update
            case .failure(let error):
                failures += 1
                guard error.isRetriable, failures < configuration.retryPolicy.maxAttempts else { throw error }
                // A throttled modify pauses the key longer each time (the first pause was set by `send`).
                try await wait(retryDelay(afterFailures: failures, throttled: error.isThrottled), throttled: error.isThrottled)
            }
        }
    }

    /// ``updateIssue(_:resendingNameLevelAndDescription:changing:)`` for a change that always applies.
    /// - Returns: the issue as modified.
    public func updateIssue(
        _ uuid: String,
        resendingNameLevelAndDescription: Bool = false,
        _ change: (inout GuanceIssueModification) -> Void
    ) async throws -> GuanceIssue {
        let update = try await updateIssue(uuid, resendingNameLevelAndDescription: resendingNameLevelAndDescription) {
            _, modification in
            change(&modification)
            return true
        }
        return update.modified ?? update.read
    }
}
