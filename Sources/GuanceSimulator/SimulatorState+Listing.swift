import RichText

/// One page of results plus what `pageInfo` reports.
struct ResultPage<Item: Sendable>: Sendable {
    let items: [Item]
    let pageIndex: Int
    let pageSize: Int
    let totalCount: Int
}

/// A parsed `issue/list` body. Times are already converted to epoch seconds.
struct IssueListQuery: Sendable {
    /// One `filters` entry.
    struct Filter: Sendable {
        let key: String
        let value: JSONValue
        let equal: Bool
    }

    var channelUUID: String?
    var startTime: Double?
    var endTime: Double?
    var search: String = ""
    var filters: [Filter] = []
    var pageIndex: Int = 1
    var pageSize: Int = 20

    /// The filter keys the docs list.
    static let filterKeys: Set<String> = ["resource", "level", "statusType", "creator", "updator"]
}

extension SimulatorState {
    /// Runs an `issue/list` query under the current behaviour.
    func listIssues(_ query: IssueListQuery) throws(GuanceSimulatorError) -> ResultPage<SimulatedIssue> {
        if let channel = query.channelUUID, channel != defaultChannelUUID, liveChannel(channel) == nil {
            throw .notFound("channel \(channel)", status: behaviour.notFoundStatus)
        }
        for filter in query.filters where filter.key == "statusType" {
            guard let value = filter.value.intValue, acceptedStatusTypes.contains(Int(value)) else {
                throw .invalid("statusType filter must be one of \(acceptedStatusTypes.sorted())")
            }
        }
        let filterGroups = Dictionary(grouping: query.filters, by: \.key)
        let matches = issues.values.filter { issue in
            guard issue.deleteAt == nil || behaviour.showsDeletedIssues else { return false }
            if let channel = query.channelUUID, channel != defaultChannelUUID,
                !issue.allChannelUUIDs.contains(channel)
            {
                return false
            }
            let time = behaviour.timeWindowField == .createAt ? issue.createAt : issue.effectiveUpdateAt
            if let start = query.startTime, time < start { return false }
            if let end = query.endTime, time > end || (time == end && !behaviour.timeWindowIncludesEnd) {
                return false
            }
            if !query.search.isEmpty,
                !issue.name.localizedCaseInsensitiveContains(query.search),
                !issue.description.localizedCaseInsensitiveContains(query.search)
            {
                return false
            }
            return filterGroups.values.allSatisfy { group in
                switch behaviour.repeatedFilterKeys {
                case .and: group.allSatisfy { Self.issue(issue, passes: $0) }
                case .or: group.contains { Self.issue(issue, passes: $0) }
                }
            }
        }
        let sorted = matches.sorted { lhs, rhs in
            let (left, right) =
                switch behaviour.issueListOrder {
                case .createAtDescending: (lhs.createAt, rhs.createAt)
                case .updateAtDescending: (lhs.effectiveUpdateAt, rhs.effectiveUpdateAt)
                }
            return left != right ? left > right : lhs.id > rhs.id
        }
        return page(of: sorted, index: query.pageIndex, size: query.pageSize)
    }

    /// Lists an issue's replies with `ordering` such as `-createAt` (fields: createAt, updateAt, id).
    func listReplies(
        of issueUUID: String, ordering: String?, pageIndex: Int, pageSize: Int
    ) throws(GuanceSimulatorError) -> ResultPage<SimulatedReply> {
        _ = try visibleIssue(issueUUID)
        let ordering = ordering ?? behaviour.defaultReplyOrdering
        let descending = ordering.hasPrefix("-")
        let field = descending ? String(ordering.dropFirst()) : ordering
        let key: (SimulatedReply) -> Double
        switch field {
        case "createAt": key = \.createAt
        case "updateAt": key = { $0.updateAt ?? $0.createAt }
        case "id": key = { Double($0.id) }
        default: throw .invalid("unsupported ordering \(ordering)")
        }
        let visible = (replyUUIDsByIssue[issueUUID] ?? []).compactMap { replies[$0] }
            .filter { $0.deleteAt == nil || behaviour.showsDeletedReplies }
        let sorted = visible.sorted { lhs, rhs in
            let (left, right) = (key(lhs), key(rhs))
            if left != right { return descending ? left > right : left < right }
            return descending ? lhs.id > rhs.id : lhs.id < rhs.id
        }
        return page(of: sorted, index: pageIndex, size: pageSize)
    }

    func page<Item: Sendable>(of items: [Item], index: Int, size: Int) -> ResultPage<Item> {
        let size = behaviour.maxPageSize.map { min(size, $0) } ?? size
        let start = (index - 1) * size
        let slice = start < items.count ? Array(items[start..<min(start + size, items.count)]) : []
        return ResultPage(items: slice, pageIndex: index, pageSize: size, totalCount: items.count)
    }

    private static func issue(_ issue: SimulatedIssue, passes filter: IssueListQuery.Filter) -> Bool {
        let matches: Bool =
            switch filter.key {
            case "resource": filter.value.stringValue == issue.resource
            case "level": levelUUID(of: filter.value) == issue.level
            case "statusType": filter.value.intValue.map(Int.init) == issue.statusType
            case "creator": filter.value.stringValue == issue.creator.uuid
            case "updator": filter.value.stringValue == issue.updator.uuid
            default: true
            }
        return matches == filter.equal
    }

    /// A level given as a UUID string or as a legacy integer (`2` → `system_level_2`).
    static func levelUUID(of value: JSONValue) -> String? {
        if let string = value.stringValue { return string }
        return value.intValue.map { "system_level_\($0)" }
    }
}
