import Foundation

/// Users: search, lookup, and assigning issues (Cloud names users by `accountId`, Data Center by `name`).
extension SimulatorEngine {
    /// Whether the caller sees `index`'s e-mail: always on Data Center and for oneself; on Cloud only
    /// while profiles do not hide it.
    func emailVisible(of index: Int, to call: SimCall) -> Bool {
        !isCloud || index == call.userIndex || !emailsHidden.withLock { $0 }
    }

    /// `GET /user/search`: active users whose display name (or a word of it), e-mail (when visible) or,
    /// on Data Center, user name starts with the query. Cloud reads `query` (or `accountId`), Data
    /// Center `username`; without it, 400.
    func findUsers(_ call: SimCall) throws(SimResponseError) -> SimResponse {
        let parameter = isCloud ? "query" : "username"
        let accountId = isCloud ? call.request.queryValue("accountId") : nil
        guard let query = call.request.queryValue(parameter) ?? accountId, !query.isEmpty else {
            throw SimResponseError(.error(400, [call.messages.text(
                "The query parameter '\(parameter)' is required.", "查询参数“\(parameter)”为必填项。")]))
        }
        let (startAt, maxResults) = paging(call, defaultSize: 50, limit: 1000)
        let needle = query.lowercased()
        let found = options.users.indices.filter { index in
            let user = options.users[index]
            guard user.active else { return false }
            if let accountId { return user.accountId == accountId }
            var candidates = [user.displayName] + user.displayName.split(separator: " ").map(String.init)
            if emailVisible(of: index, to: call) { candidates.append(user.emailAddress) }
            if !isCloud { candidates.append(user.name) }
            return candidates.contains { $0.lowercased().hasPrefix(needle) }
        }
        return .json(200, .array(found.dropFirst(startAt).prefix(maxResults).map { userJSON($0, call: call) }))
    }

    /// `GET /user`: Cloud `accountId=`, Data Center `username=` or `key=`; 404 for nobody.
    func getUser(_ call: SimCall) throws(SimResponseError) -> SimResponse {
        let index: Int?
        if isCloud {
            index = call.request.queryValue("accountId").flatMap { id in options.users.firstIndex { $0.accountId == id } }
        } else if let name = call.request.queryValue("username") {
            index = options.users.firstIndex { $0.name == name }
        } else {
            index = call.request.queryValue("key").flatMap { key in options.users.firstIndex { $0.key == key } }
        }
        guard let index else {
            throw SimResponseError(.error(404, [call.messages.text(
                "Specified user does not exist or you do not have required permissions", "指定的用户不存在或您没有所需的权限")]))
        }
        return .json(200, userJSON(index, call: call))
    }

    /// `PUT /issue/{key}/assignee`: `{"accountId": …}` (Cloud) or `{"name": …}` (Data Center); `null`
    /// unassigns and `"-1"` picks the project's default assignee (none here: unassigned). An unknown
    /// or inactive user is a 400.
    func assignIssue(_ call: SimCall, state: inout SimulatorState) throws(SimResponseError) -> SimResponse {
        var issue = try pathIssue(call, state: state)
        let body = try bodyObject(call)
        let assignee = try assigneeIndex(body[isCloud ? "accountId" : "name"] ?? .null, call: call, field: "assignee")
        guard issue.assigneeIndex != assignee else { return .noContent }
        let previous = issue
        issue.assigneeIndex = assignee
        issue.updated = state.now
        state.save(issue)
        emitIssueEvent(
            "jira:issue_updated", eventType: "issue_assigned", issue: issue, call: call,
            changelog: changelog(from: previous, to: issue, state: state), state: &state)
        return .noContent
    }

    /// The user a JSON reference names (a string, or `{"accountId"}` / `{"name"}` / `{"key"}`), `nil`
    /// for `null` or `"-1"`; 400 for an unknown or inactive user.
    func assigneeIndex(_ reference: SimJSON, call: SimCall, field: String) throws(SimResponseError) -> Int? {
        if reference.isNull { return nil }
        let text = reference.stringValue
            ?? (isCloud ? reference["accountId"]?.stringValue : (reference["name"]?.stringValue ?? reference["key"]?.stringValue))
        if reference["accountId"]?.isNull == true || reference["name"]?.isNull == true { return nil }
        if text == "-1" { return nil }
        let index = text.flatMap { value in
            options.users.firstIndex { isCloud ? $0.accountId == value : ($0.name == value || $0.key == value) }
        }
        guard let index, options.users[index].active else {
            throw SimResponseError(.error(400, fieldErrors: [field: call.messages.text(
                "User '\(text ?? "")' cannot be assigned issues.", "不能将问题分配给用户“\(text ?? "")”。")]))
        }
        return index
    }
}
