import Foundation
import RichText

extension GuanceClient {
    /// `GET /api/v1/channel/quick_list`: the workspace's channels (no paging).
    /// - Parameter includeDeleted: keep channels whose `deleteAt != -1` (quick_list returns them).
    public func channels(includeDeleted: Bool = false) async throws -> [GuanceChannel] {
        let request = GuanceRequest.get("/api/v1/channel/quick_list")
        let channels = try await send(request, decode: Self.content([GuanceChannel].self)).content
        return includeDeleted ? channels : channels.filter { !$0.isDeleted }
    }

    /// `GET /api/v1/issue-level/list`: system and custom levels (no paging).
    public func issueLevels() async throws -> [GuanceIssueLevel] {
        let request = GuanceRequest.get("/api/v1/issue-level/list")
        return try await send(request, decode: Self.content([GuanceIssueLevel].self)).content
    }

    /// One page of `GET /api/v1/workspace/members/list` (`content` array, top-level `pageInfo`;
    /// `pageSize` is 1…100).
    public func listMembers(search: String = "", pageIndex: Int = 1, pageSize: Int = 100) async throws
        -> GuancePage<GuanceMember>
    {
        let size = Swift.min(Swift.max(pageSize, 1), 100)
        let request = GuanceRequest.get(
            "/api/v1/workspace/members/list",
            query: [("search", search), ("pageIndex", String(pageIndex)), ("pageSize", String(size))])
        return try await fetchPage(request, pageIndex: pageIndex, pageSize: size, of: GuanceMember.self)
    }

    /// Every workspace member, page by page (one request per 100 members).
    public func members(search: String = "") async throws -> [GuanceMember] {
        try await GuancePageSequence { pageIndex in
            try await listMembers(search: search, pageIndex: pageIndex)
        }.collectItems()
    }

    /// `GET /api/v1/validate`: checks that the key is accepted (its answer is undocumented, so an
    /// envelope reporting success or any 2xx non-JSON body counts as valid).
    /// - Throws: ``GuanceAPIError`` with kind `.invalidAPIKey` for a refused key.
    public func validateKey() async throws {
        var request = GuanceRequest.get("/api/v1/validate")
        request.acceptsBareSuccess = true
        _ = try await send(request, decode: { _ in () })
    }
}
