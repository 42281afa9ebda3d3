/// Paging metadata (`pageInfo`): where it sits depends on the endpoint (`content.pageInfo` for
/// issue list, top level for reply list).
public struct GuancePageInfo: Sendable, Hashable, Decodable {
    /// Items on this page.
    public var count: Int?
    /// This page's index (1-based).
    public var pageIndex: Int?
    /// The page size the server applied.
    public var pageSize: Int?
    /// Total matches over all pages.
    public var totalCount: Int?

    /// Creates page info.
    public init(count: Int? = nil, pageIndex: Int? = nil, pageSize: Int? = nil, totalCount: Int? = nil) {
        self.count = count
        self.pageIndex = pageIndex
        self.pageSize = pageSize
        self.totalCount = totalCount
    }

    private enum CodingKeys: String, CodingKey {
        case count, pageIndex, pageSize, totalCount
    }

    /// Decodes leniently (numbers may arrive as strings or floats).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        count = container.lenientInt(.count)
        pageIndex = container.lenientInt(.pageIndex)
        pageSize = container.lenientInt(.pageSize)
        totalCount = container.lenientInt(.totalCount)
    }
}
