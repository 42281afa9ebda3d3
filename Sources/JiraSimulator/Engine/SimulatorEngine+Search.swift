import Foundation

extension SimulatorEngine {
    /// The search parameters from a GET query or a POST body.
    struct SearchParameters {
        var jql: String
        var fields: [String]?
        var properties: [String]
        var expand: [String]
        var maxResults: Int?
        var startAt: Int?
        var nextPageToken: String?
        var reconcileIssues: [Int]
    }

    func searchParameters(_ call: SimCall) throws(SimResponseError) -> SearchParameters {
        let request = call.request
        if request.method == "POST" {
            let body = try bodyObject(call)
            let list: (String) -> [String]? = { name in
                if let array = body[name]?.arrayValue { return array.compactMap(\.stringValue) }
                return body[name]?.stringValue.map { $0.split(separator: ",").map(String.init) }
            }
            return SearchParameters(
                jql: body["jql"]?.stringValue ?? "", fields: list("fields"), properties: list("properties") ?? [],
                expand: list("expand") ?? [], maxResults: body["maxResults"]?.intValue, startAt: body["startAt"]?.intValue,
                nextPageToken: body["nextPageToken"]?.stringValue,
                reconcileIssues: (body["reconcileIssues"]?.arrayValue ?? []).compactMap(\.intValue))
        }
        return SearchParameters(
            jql: request.queryValue("jql") ?? "", fields: request.queryList("fields"),
            properties: request.queryList("properties") ?? [], expand: request.queryList("expand") ?? [],
            maxResults: request.queryValue("maxResults").flatMap(Int.init),
            startAt: request.queryValue("startAt").flatMap(Int.init), nextPageToken: request.queryValue("nextPageToken"),
            reconcileIssues: (request.queryList("reconcileIssues") ?? []).compactMap { Int($0) })
    }

    /// Parses, validates and runs the JQL against the (lagged) index; returns the sorted matches.
    func runQuery(
        _ jql: String, reconcile: [Int], requireBounded: Bool, call: SimCall, state: SimulatorState
    ) throws(SimResponseError) -> [IssueRecord] {
        let query: JQLQuery
        let evaluator = JQLEvaluator(
            catalog: catalog, timeZone: TimeZone(identifier: call.user.timeZone) ?? .gmt, now: state.now)
        do {
            query = try JQLParser.parse(jql)
            try evaluator.validate(query.condition)
        } catch {
            throw SimResponseError(.error(400, [call.messages.jql(error.message)]))
        }
        // Jira validates the keys a query names against the issues (not the lagging index).
        let unknown = (query.condition?.issueKeys ?? []).filter { state.issue($0) == nil }
        if !unknown.isEmpty {
            switch options.unknownIssueKeys {
            case .named: throw SimResponseError(.error(400, unknown.map(call.messages.unknownIssueKey)))
            case .unnamed: throw SimResponseError(.error(400, [call.messages.jql("the query is not valid.")]))
            case .lenient: break
            }
        }
        if requireBounded, query.condition == nil {
            throw SimResponseError(.error(400, [call.messages.unboundedJQL]))
        }
        let candidates = state.searchableIssues(reconciling: Set(reconcile))
        let matches = candidates.filter { evaluator.matches(query.condition, $0) }
        let ordering = query.ordering.isEmpty ? [JQLSortTerm(field: .created, ascending: false)] : query.ordering
        return matches.sorted { isOrdered($0, before: $1, by: ordering, chinese: call.chinese) }
    }

    private func isOrdered(_ left: IssueRecord, before right: IssueRecord, by terms: [JQLSortTerm], chinese: Bool) -> Bool {
        for term in terms {
            let comparison = compare(left, right, field: term.field, chinese: chinese)
            if comparison != .orderedSame {
                return term.ascending ? comparison == .orderedAscending : comparison == .orderedDescending
            }
        }
        return left.id < right.id
    }

    private func compare(_ left: IssueRecord, _ right: IssueRecord, field: JQLSortTerm.Field, chinese: Bool) -> ComparisonResult {
        func order<T: Comparable>(_ a: T, _ b: T) -> ComparisonResult {
            a < b ? .orderedAscending : (a > b ? .orderedDescending : .orderedSame)
        }
        switch field {
        case .updated: return order(left.updated, right.updated)
        case .created: return order(left.created, right.created)
        case .key: return order(left.projectKey, right.projectKey) == .orderedSame
            ? order(keyNumber(left.key), keyNumber(right.key)) : order(left.projectKey, right.projectKey)
        case .priority: return order(left.priorityId ?? "", right.priorityId ?? "")
        case .summary: return order(left.summary, right.summary)
        case .status:
            let name: (IssueRecord) -> String = {
                self.catalog.status($0.statusId, in: $0.projectKey)?.name.localized(chinese: chinese) ?? ""
            }
            return order(name(left), name(right))
        }
    }

    private func keyNumber(_ key: String) -> Int { Int(key.split(separator: "-").last ?? "") ?? 0 }

    /// Cloud `/search/jql`: token paging, no total, `fields` default `id`, `properties` ≤ 5, bounded JQL only.
    func searchJQL(_ call: SimCall, state: SimulatorState) throws(SimResponseError) -> SimResponse {
        let parameters = try searchParameters(call)
        guard parameters.properties.count <= 5 else {
            throw SimResponseError(.error(400, [call.messages.tooManyProperties]))
        }
        guard parameters.reconcileIssues.count <= 50 else {
            throw SimResponseError(.error(400, [call.messages.invalidValue("reconcileIssues")]))
        }
        let selection = FieldSelection.parse(parameters.fields, fallback: .idOnly)
        let offset: Int
        if let token = parameters.nextPageToken {
            guard let decoded = Self.decodePageToken(token) else {
                throw SimResponseError(.error(400, [call.messages.invalidPageToken]))
            }
            offset = decoded
        } else {
            offset = 0
        }
        let matches = try runQuery(
            parameters.jql, reconcile: parameters.reconcileIssues, requireBounded: true, call: call, state: state)
        let limit = selection.isIdentifiersOnly ? 5000 : options.maxSearchPageSize
        let pageSize = min(max(parameters.maxResults ?? 50, 1), limit)
        let page = matches.dropFirst(offset).prefix(pageSize)
        let isLast = offset + page.count >= matches.count
        var json: [String: SimJSON] = [
            "issues": .array(page.map { renderSearchHit($0, selection: selection, parameters: parameters, call: call, state: state) }),
            "isLast": .bool(isLast),
        ]
        if !isLast { json["nextPageToken"] = .string(Self.encodePageToken(offset + page.count)) }
        return .json(200, .object(json))
    }

    /// DC `/search` (Cloud: 410 CHANGE-2046): `startAt`/`maxResults`/`total`; the server may reduce `maxResults`.
    func searchWithOffset(_ call: SimCall, state: SimulatorState) throws(SimResponseError) -> SimResponse {
        guard !isCloud else { throw SimResponseError(.error(410, [call.messages.searchRemoved])) }
        let parameters = try searchParameters(call)
        let selection = FieldSelection.parse(parameters.fields, fallback: .all)
        let matches = try runQuery(parameters.jql, reconcile: [], requireBounded: false, call: call, state: state)
        let startAt = max(0, parameters.startAt ?? 0)
        let maxResults = min(max(parameters.maxResults ?? 50, 0), options.maxSearchPageSize)
        guard startAt + maxResults <= options.dataCenterResultWindow else {
            throw SimResponseError(.error(500, [call.messages.text("Search limit exceeded.", "超出搜索限制。")]))
        }
        let page = matches.dropFirst(startAt).prefix(maxResults)
        return .json(
            200,
            [
                "expand": "schema,names", "startAt": .int(startAt), "maxResults": .int(maxResults),
                "total": .int(matches.count),
                "issues": .array(page.map { renderSearchHit($0, selection: selection, parameters: parameters, call: call, state: state) }),
            ])
    }

    func approximateCount(_ call: SimCall, state: SimulatorState) throws(SimResponseError) -> SimResponse {
        let body = try bodyObject(call)
        let matches = try runQuery(
            body["jql"]?.stringValue ?? "", reconcile: [], requireBounded: true, call: call, state: state)
        return .json(200, ["count": .int(matches.count)])
    }

    private func renderSearchHit(
        _ issue: IssueRecord, selection: FieldSelection, parameters: SearchParameters, call: SimCall, state: SimulatorState
    ) -> SimJSON {
        issueJSON(
            issue, fields: selection, properties: parameters.properties,
            renderedFields: parameters.expand.contains("renderedFields"), comments: state.comments(of: issue.id), call: call)
    }

    static func encodePageToken(_ offset: Int) -> String {
        Data("sim-page:\(offset)".utf8).base64EncodedString()
    }

    static func decodePageToken(_ token: String) -> Int? {
        guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8),
            text.hasPrefix("sim-page:")
        else { return nil }
        return Int(text.dropFirst("sim-page:".count))
    }
}
