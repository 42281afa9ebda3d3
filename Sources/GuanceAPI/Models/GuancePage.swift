/// One page of a paged list.
public struct GuancePage<Item: Sendable>: Sendable {
    /// The items on this page.
    public var items: [Item]
    /// The 1-based index that was requested.
    public var pageIndex: Int
    /// The page size that was requested.
    public var requestedPageSize: Int
    /// The server's paging metadata, if it sent any.
    public var pageInfo: GuancePageInfo?

    /// Creates a page.
    public init(items: [Item], pageIndex: Int, requestedPageSize: Int, pageInfo: GuancePageInfo?) {
        self.items = items
        self.pageIndex = pageIndex
        self.requestedPageSize = requestedPageSize
        self.pageInfo = pageInfo
    }

    /// Whether this is the last page: it is empty, shorter than the page size, or
    /// `pageIndex * pageSize >= totalCount`. The page size is the one the server reports in
    /// `pageInfo` when present (a server may cap it), otherwise the requested one.
    public var isLast: Bool {
        if items.isEmpty { return true }
        let pageSize = max(1, pageInfo?.pageSize ?? requestedPageSize)
        if items.count < pageSize { return true }
        if let totalCount = pageInfo?.totalCount, pageIndex * pageSize >= totalCount { return true }
        return false
    }
}
