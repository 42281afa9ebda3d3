import RichText

/// What a product endpoint answers inside the envelope.
struct ProductReply: Sendable {
    var content: JSONValue
    /// Top-level `pageInfo` (reply list; `issue/list` nests it in `content` unless configured otherwise).
    var pageInfo: JSONValue?
}

extension SimulatorState {
    /// Handles one authenticated, admitted product-API request.
    mutating func handle(
        _ endpoint: ProductEndpoint, body: JSONValue?, query: [String: String], key: GuanceSimulatedAPIKey,
        now: Double
    ) throws(GuanceSimulatorError) -> ProductReply {
        let actor = SimulatedActor.apiKey(key)
        switch endpoint {
        case .issueList:
            let page = try listIssues(issueListQuery(BodyFields(body)))
            let data: JSONValue = .array(page.items.map { render($0) })
            switch behaviour.issueListShape {
            case .nestedData: return ProductReply(content: .object(["data": data, "pageInfo": pageInfo(page)]))
            case .plainArray: return ProductReply(content: data, pageInfo: pageInfo(page))
            }
        case .issueGet(let uuid):
            return ProductReply(content: render(try visibleIssue(uuid), detailed: true))
        case .issueAdd:
            let issue = try addIssue(issueDraft(BodyFields(body)), by: actor, now: now)
            return ProductReply(content: render(issue))
        case .issueModify(let uuid):
            let change = try issueChange(BodyFields(body))
            let issue = try modifyIssue(uuid, change: change, replacesExtend: true, by: actor, now: now)
            return ProductReply(content: render(issue))
        case .replyList(let uuid):
            let page = try listReplies(
                of: uuid, ordering: query["ordering"].flatMap { $0.isEmpty ? nil : $0 },
                pageIndex: try Self.positive(query["pageIndex"], name: "pageIndex") ?? 1,
                pageSize: try Self.positive(query["pageSize"], name: "pageSize") ?? 20
            )
            return ProductReply(
                content: .array(page.items.map { render($0, listShape: true) }), pageInfo: pageInfo(page)
            )
        case .replyCreate:
            let fields = try BodyFields(body)
            let reply = try addReply(
                to: fields.requiredString("issueUUID"), content: fields.string("content") ?? "",
                extend: fields.requiredObject("extend"), by: actor, now: now
            )
            return ProductReply(content: render(reply, listShape: false, created: true))
        case .replyModify(let uuid):
            let fields = try BodyFields(body)
            let reply = try modifyReply(
                uuid, issueUUID: fields.requiredString("issueUUID"), content: fields.string("content"),
                extend: fields.requiredObject("extend"), by: actor, now: now
            )
            return ProductReply(content: render(reply, listShape: false))
        case .replyDelete(let uuid):
            try deleteReply(uuid, by: actor, now: now)
            return ProductReply(content: .bool(true))
        case .channelQuickList:
            return ProductReply(content: .array(channels.map { render($0) }))
        case .levelList:
            return ProductReply(content: .array(levels.map { render($0) }))
        case .memberList:
            let page = try listMembers(
                search: query["search"] ?? "", pageIndex: try Self.positive(query["pageIndex"], name: "pageIndex") ?? 1,
                pageSize: try Self.positive(query["pageSize"], name: "pageSize") ?? 10)
            return ProductReply(content: .array(page.items), pageInfo: pageInfo(page))
        case .validate:
            return ProductReply(content: .bool(true))
        }
    }

    private func issueListQuery(_ fields: BodyFields) throws(GuanceSimulatorError) -> IssueListQuery {
        if behaviour.issueListRequiresAllFields {
            try fields.require(["channelUUID", "startTime", "endTime", "pageIndex", "pageSize"])
        }
        var query = IssueListQuery()
        query.channelUUID = try fields.string("channelUUID").flatMap { $0.isEmpty ? nil : $0 }
        let divisor: Double = behaviour.timeWindowUnit == .milliseconds ? 1_000 : 1
        query.startTime = try fields.number("startTime").map { $0 / divisor }
        query.endTime = try fields.number("endTime").map { $0 / divisor }
        query.search = try fields.string("search") ?? ""
        query.pageIndex = try fields.int("pageIndex") ?? 1
        query.pageSize = try fields.int("pageSize") ?? 20
        guard query.pageIndex >= 1, query.pageSize >= 1 else { throw .invalid("pageIndex and pageSize must be ≥ 1") }
        if fields.has("filters") {
            guard let entries = fields.object["filters"]?.arrayValue else { throw .invalid("filters must be an array") }
            query.filters = try entries.map { entry throws(GuanceSimulatorError) in
                let filter = try BodyFields(entry)
                let key = try filter.requiredString("key")
                guard IssueListQuery.filterKeys.contains(key), let value = filter.object["value"] else {
                    throw .invalid("filter key must be one of \(IssueListQuery.filterKeys.sorted()) with a value")
                }
                let equal = filter.object["equal"].map { $0 != .bool(false) } ?? true
                return IssueListQuery.Filter(key: key, value: value, equal: equal)
            }
        }
        return query
    }

    private func issueDraft(_ fields: BodyFields) throws(GuanceSimulatorError) -> GuanceIssueDraft {
        guard let level = try fields.level("level") else { throw .invalid("level is required") }
        let resourceType = try fields.string("resourceType") ?? ""
        guard ["", "event", "dashboard", "viewer"].contains(resourceType) else {
            throw .invalid("resourceType must be event, dashboard or viewer")
        }
        return GuanceIssueDraft(
            name: try fields.requiredString("name"), description: try fields.requiredString("description"),
            level: level, resourceType: resourceType, resource: try fields.string("resource") ?? "",
            resourceUUID: try fields.string("resourceUUID") ?? "", statusType: try fields.int("statusType"),
            extend: try fields.requiredObject("extend"), channelUUIDs: try fields.stringArray("channelUUIDs") ?? []
        )
    }

    private func issueChange(_ fields: BodyFields) throws(GuanceSimulatorError) -> GuanceIssueChange {
        if behaviour.modifyRequiresNameLevelDescription { try fields.require(["name", "level", "description"]) }
        return GuanceIssueChange(
            name: try fields.string("name"), description: try fields.string("description"),
            level: try fields.level("level"), statusType: try fields.int("statusType"),
            extend: try fields.requiredObject("extend"), channelUUIDs: try fields.stringArray("channelUUIDs")
        )
    }

    private static func positive(_ text: String?, name: String) throws(GuanceSimulatorError) -> Int? {
        guard let text, !text.isEmpty else { return nil }
        guard let value = Int(text), value >= 1 else { throw .invalid("\(name) must be an integer ≥ 1") }
        return value
    }
}
