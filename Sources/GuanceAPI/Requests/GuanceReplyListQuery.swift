/// The query of `GET /api/v1/issue/reply/{issue_uuid}/list`.
public struct GuanceReplyListQuery: Sendable, Hashable {
    /// Sort order, e.g. `-createAt` (newest first) or `createAt`; `nil` leaves the server default.
    public var ordering: String?
    /// 1-based page index (the paging sequence sets it).
    public var pageIndex: Int
    /// Page size (no documented maximum; 100 by default).
    public var pageSize: Int

    /// Creates a query.
    public init(ordering: String? = "createAt", pageIndex: Int = 1, pageSize: Int = 100) {
        self.ordering = ordering
        self.pageIndex = max(1, pageIndex)
        self.pageSize = max(1, pageSize)
    }

    /// The query items, in a stable order.
    var queryItems: [(String, String)] {
        var items: [(String, String)] = []
        if let ordering { items.append(("ordering", ordering)) }
        items.append(("pageIndex", String(pageIndex)))
        items.append(("pageSize", String(pageSize)))
        return items
    }
}
