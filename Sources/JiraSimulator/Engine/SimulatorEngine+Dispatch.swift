extension SimulatorEngine {
    /// Runs the handler of an authenticated, admitted call.
    func dispatch(_ call: SimCall, state: inout SimulatorState) -> SimResponse {
        do {
            return try route(call, state: &state)
        } catch {
            return error.response
        }
    }

    private func route(_ call: SimCall, state: inout SimulatorState) throws(SimResponseError) -> SimResponse {
        switch call.endpoint {
        case .serverInfo: serverInfo(call, state: state)
        case .myself: .json(200, userJSON(call.userIndex, call: call))
        case .fields: fieldList(call)
        case .project: try project(call)
        case .projects: projects(call)
        case .issueTypes: issueTypes(call)
        case .statusCategories: statusCategories(call)
        case .createIssue: try createIssue(call, state: &state)
        case .getIssue: try getIssue(call, state: state)
        case .editIssue: try editIssue(call, state: &state)
        case .deleteIssue: try deleteIssue(call, state: &state)
        case .issuePropertyKeys, .getIssueProperty, .putIssueProperty: try issueProperty(call, state: &state)
        case .listComments: try listComments(call, state: state)
        case .addComment: try addComment(call, state: &state)
        case .getComment: try getComment(call, state: state)
        case .updateComment: try updateComment(call, state: &state)
        case .deleteComment: try deleteComment(call, state: &state)
        case .commentsByIds: try commentsByIds(call, state: state)
        case .commentPropertyKeys, .getCommentProperty, .putCommentProperty: try commentProperty(call, state: &state)
        case .upsertRemoteLink: try upsertRemoteLink(call, state: &state)
        case .getRemoteLinks: try getRemoteLinks(call, state: state)
        case .deleteRemoteLink: try deleteRemoteLink(call, state: &state)
        case .searchJQL: try searchJQL(call, state: state)
        case .searchRemovedOrLegacy: try searchWithOffset(call, state: state)
        case .approximateCount: try approximateCount(call, state: state)
        case .getTransitions: try getTransitions(call, state: state)
        case .doTransition: try doTransition(call, state: &state)
        case .createMetaIssueTypes: try createMetaIssueTypes(call)
        case .createMetaFields: try createMetaFields(call)
        case .resolutionSearch, .resolutions: resolutions(call)
        case .priorities: priorities(call)
        case .userSearch: try findUsers(call)
        case .user: try getUser(call)
        case .assignIssue: try assignIssue(call, state: &state)
        }
    }

    private func serverInfo(_ call: SimCall, state: SimulatorState) -> SimResponse {
        .json(
            200,
            [
                "baseUrl": .string(baseURL(call)),
                "version": isCloud ? "1001.0.0-SNAPSHOT" : "9.12.0",
                "versionNumbers": isCloud ? [1001, 0, 0] : [9, 12, 0],
                "deploymentType": isCloud ? "Cloud" : "DataCenter",
                "buildNumber": 100_000,
                "serverTime": timestamp(state.now),
                "serverTitle": "Jira Simulator",
                "defaultLocale": ["locale": .string(call.user.locale)],
            ])
    }

    /// Reads the request body as a JSON object, or produces the 400 to return.
    func bodyObject(_ call: SimCall) throws(SimResponseError) -> [String: SimJSON] {
        guard let object = call.request.json?.objectValue else {
            throw SimResponseError(.error(400, [call.messages.invalidJSON]))
        }
        return object
    }

    /// Looks up the issue named in the path, or produces the 404.
    func pathIssue(_ call: SimCall, state: SimulatorState) throws(SimResponseError) -> IssueRecord {
        guard let issue = state.issue(call.parameter("issue")) else {
            throw SimResponseError(.error(404, [call.messages.issueNotFound]))
        }
        return issue
    }

    /// `startAt`/`maxResults` query parameters with a default and an upper bound.
    func paging(_ call: SimCall, defaultSize: Int, limit: Int) -> (startAt: Int, maxResults: Int) {
        let startAt = max(0, call.request.queryValue("startAt").flatMap(Int.init) ?? 0)
        let requested = call.request.queryValue("maxResults").flatMap(Int.init) ?? defaultSize
        return (startAt, min(max(requested, 0), limit))
    }
}
