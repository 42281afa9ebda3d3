import Foundation

/// The body of `POST /api/v1/issue/list`. Every field is optional (zh docs); unset fields are not sent.
/// The EN docs mark `channelUUID`, `startTime`, `endTime`, `pageIndex` and `pageSize` required: set all of
/// them to work with deployments that enforce that (`pageIndex` and `pageSize` are always sent).
public struct GuanceIssueListQuery: Sendable, Hashable, Encodable {
    /// Restricts to one channel; use the `default` channel to see every issue.
    public var channelUUID: String?
    /// Window start. Sent as integer epoch seconds by default (the unit is undocumented; both official
    /// scripts send seconds; see ``GuanceTimeUnit``). Which field the window filters on is undocumented.
    public var startTime: Date?
    /// Window end, as for ``startTime``.
    public var endTime: Date?
    /// Matches name and description.
    public var search: String?
    /// Field filters.
    public var filters: [GuanceIssueFilter]
    /// 1-based page index (the paging sequence sets it).
    public var pageIndex: Int
    /// Page size. No maximum is documented; 100 is the cap documented for other lists, so it is the default.
    public var pageSize: Int
    /// The window's unit; set by the client from ``GuanceClientConfiguration/issueListTimeUnit``.
    var timeUnit: GuanceTimeUnit = .seconds

    /// Creates a query.
    public init(
        channelUUID: String? = nil,
        startTime: Date? = nil,
        endTime: Date? = nil,
        search: String? = nil,
        filters: [GuanceIssueFilter] = [],
        pageIndex: Int = 1,
        pageSize: Int = 100
    ) {
        self.channelUUID = channelUUID
        self.startTime = startTime
        self.endTime = endTime
        self.search = search
        self.filters = filters
        self.pageIndex = max(1, pageIndex)
        self.pageSize = max(1, pageSize)
    }

    private enum CodingKeys: String, CodingKey {
        case channelUUID, startTime, endTime, search, filters, pageIndex, pageSize
    }

    /// Encodes the set fields; times as integers in ``timeUnit``, the start rounded down and the end rounded up
    /// so that the window sent never shrinks (overlap is harmless, a gap would miss issues).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(channelUUID, forKey: .channelUUID)
        let scale: Double = timeUnit == .milliseconds ? 1_000 : 1
        try container.encodeIfPresent(startTime.map { Int64(($0.timeIntervalSince1970 * scale).rounded(.down)) }, forKey: .startTime)
        try container.encodeIfPresent(endTime.map { Int64(($0.timeIntervalSince1970 * scale).rounded(.up)) }, forKey: .endTime)
        try container.encodeIfPresent(search, forKey: .search)
        if !filters.isEmpty { try container.encode(filters, forKey: .filters) }
        try container.encode(pageIndex, forKey: .pageIndex)
        try container.encode(pageSize, forKey: .pageSize)
    }
}
