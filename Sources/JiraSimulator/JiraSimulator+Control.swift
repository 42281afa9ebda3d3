import Foundation

extension JiraSimulator {
    /// Drops every issue, comment, fault, webhook and counter; the clock returns to real time.
    public func reset() { engine.reset() }

    /// Issues, comments, request counts per `"METHOD /route status"`, clock and lag.
    public func stateDump() -> SimJSON { engine.dump() }

    /// Requests served whose `"METHOD /rest/api/{v}/route status"` label contains `fragment`.
    public func requestCount(containing fragment: String) -> Int {
        engine.state.withLock { state in
            state.requestCounts.filter { $0.key.contains(fragment) }.values.reduce(0, +)
        }
    }

    /// The simulated now.
    public var now: Date { engine.state.withLock { $0.now } }

    /// Moves the simulated clock to `date`; `frozen` stops it there.
    public func setClock(to date: Date, frozen: Bool = false) {
        engine.state.withLock { $0.clock.set(date, frozen: frozen) }
    }

    /// Moves the simulated clock forward.
    public func advanceClock(by interval: Duration) {
        engine.state.withLock { $0.clock.advance(by: interval.timeInterval) }
    }

    /// Changes the search index lag.
    public func setSearchIndexLag(_ lag: Duration) {
        engine.state.withLock { $0.searchIndexLag = lag }
    }

    /// Whether people's profiles hide their e-mail addresses (Cloud; see ``JiraSimulatorOptions/cloudEmailsHidden``).
    public func setEmailsHidden(_ hidden: Bool) {
        engine.emailsHidden.withLock { $0 = hidden }
    }

    /// Adds a fault for the product API.
    public func injectFault(_ fault: JiraSimulatorFault) {
        engine.state.withLock { $0.faults.append(fault) }
    }

    /// Removes pending faults.
    public func clearFaults() {
        engine.state.withLock { $0.faults.removeAll() }
    }

    /// Registers an admin webhook; `events` empty = every event.
    @discardableResult
    public func registerWebhook(url: URL, secret: String?, events: [String] = []) -> Int {
        engine.registerWebhook(url: url.absoluteString, secret: secret, events: events)
    }

    /// Performs a product-API request as a human `user` (name, account id or e-mail), bypassing auth,
    /// faults and rate limits. Returns the status and the parsed body.
    public func act(as user: String, method: String, path: String, body: SimJSON? = nil) throws -> (status: Int, body: SimJSON?) {
        guard let index = engine.userIndex(user) else { throw JiraSimulatorError.unknownUser(user) }
        let pathAndQuery = path.split(separator: "?", maxSplits: 1).map(String.init)
        let host = baseURL.map { "\($0.host ?? options.host):\($0.port ?? options.port)" } ?? "\(options.host):\(options.port)"
        let request = SimRequest(
            method: method, path: pathAndQuery[0], rawQuery: pathAndQuery.count > 1 ? pathAndQuery[1] : nil,
            headers: ["host": host, "content-type": "application/json"], body: body?.serialized() ?? Data())
        let response = engine.performAs(userIndex: index, request)
        return (response.status, SimJSON.parse(response.body))
    }

    /// Creates an issue as `user`; returns its key.
    public func createIssue(
        as user: String, project: String, summary: String, description: String? = nil, labels: [String] = [],
        issueTypeId: String? = nil
    ) throws -> String {
        let typeId = issueTypeId ?? options.projects.first { $0.key == project }?.issueTypes.first?.id ?? ""
        var fields: [String: SimJSON] = [
            "project": ["key": .string(project)], "issuetype": ["id": .string(typeId)], "summary": .string(summary),
            "labels": .array(labels.map(SimJSON.string)),
        ]
        if let description { fields["description"] = humanBody(description) }
        let result = try expect(201, act(as: user, method: "POST", path: "\(humanAPI)/issue", body: ["fields": .object(fields)]))
        return result?["key"]?.stringValue ?? ""
    }

    /// Adds a comment as `user`; returns the comment id.
    public func addComment(as user: String, issue: String, text: String) throws -> String {
        let result = try expect(
            201, act(as: user, method: "POST", path: "\(humanAPI)/issue/\(issue)/comment", body: ["body": humanBody(text)]))
        return result?["id"]?.stringValue ?? ""
    }

    /// Edits a comment as `user`.
    public func editComment(as user: String, issue: String, commentId: String, text: String) throws {
        _ = try expect(
            200,
            act(as: user, method: "PUT", path: "\(humanAPI)/issue/\(issue)/comment/\(commentId)", body: ["body": humanBody(text)]))
    }

    /// Deletes a comment as `user`.
    public func deleteComment(as user: String, issue: String, commentId: String) throws {
        _ = try expect(204, act(as: user, method: "DELETE", path: "\(humanAPI)/issue/\(issue)/comment/\(commentId)"))
    }

    /// Edits fields and/or labels as `user` (`fields` as in PUT issue).
    public func editIssue(as user: String, issue: String, fields: [String: SimJSON] = [:], addLabels: [String] = [], removeLabels: [String] = []) throws {
        let operations: [SimJSON] = addLabels.map { ["add": .string($0)] } + removeLabels.map { ["remove": .string($0)] }
        var body: [String: SimJSON] = ["fields": .object(fields)]
        if !operations.isEmpty { body["update"] = ["labels": .array(operations)] }
        _ = try expect(204, act(as: user, method: "PUT", path: "\(humanAPI)/issue/\(issue)", body: .object(body)))
    }

    /// Assigns an issue as `user` to `assignee` (name, account id or e-mail; `nil` unassigns), as in the UI.
    public func assign(as user: String, issue: String, to assignee: String?) throws {
        let target = try assignee.map { reference -> JiraSimulatorUser in
            guard let index = engine.userIndex(reference) else { throw JiraSimulatorError.unknownUser(reference) }
            return options.users[index]
        }
        let value: SimJSON = target.map { .string(options.flavour == .cloud ? $0.accountId : $0.name) } ?? .null
        let body: SimJSON = [options.flavour == .cloud ? "accountId" : "name": value]
        _ = try expect(204, act(as: user, method: "PUT", path: "\(humanAPI)/issue/\(issue)/assignee", body: body))
    }

    /// Sets an issue's priority (by id) as `user`.
    public func setPriority(as user: String, issue: String, priorityId: String) throws {
        try editIssue(as: user, issue: issue, fields: ["priority": ["id": .string(priorityId)]])
    }

    /// Deletes an issue as `user`.
    public func deleteIssue(as user: String, issue: String) throws {
        _ = try expect(204, act(as: user, method: "DELETE", path: "\(humanAPI)/issue/\(issue)"))
    }

    /// Transitions an issue as `user` to the first status of category `categoryKey` (`new`, `indeterminate`, `done`),
    /// filling a required resolution with the first one configured.
    public func transition(as user: String, issue: String, toCategory categoryKey: String) throws {
        let listed = try expect(
            200, act(as: user, method: "GET", path: "\(humanAPI)/issue/\(issue)/transitions?expand=transitions.fields"))
        guard let transition = listed?["transitions"]?.arrayValue?.first(where: {
            $0["to"]?["statusCategory"]?["key"]?.stringValue == categoryKey
        }), let id = transition["id"] else {
            throw JiraSimulatorError.actionFailed(status: 400, body: "no transition to \(categoryKey)")
        }
        var body: [String: SimJSON] = ["transition": ["id": id]]
        if transition["fields"]?["resolution"]?["required"] == .bool(true), let resolution = options.resolutions.first {
            body["fields"] = ["resolution": ["id": .string(resolution.id)]]
        }
        _ = try expect(204, act(as: user, method: "POST", path: "\(humanAPI)/issue/\(issue)/transitions", body: .object(body)))
    }

    private var humanAPI: String { options.flavour == .cloud ? "/rest/api/3" : "/rest/api/2" }

    private func humanBody(_ text: String) -> SimJSON {
        options.flavour == .cloud ? RichTextBodies.adf(fromPlainText: text) : .string(text)
    }

    private func expect(_ status: Int, _ result: (status: Int, body: SimJSON?)) throws -> SimJSON? {
        guard result.status == status else {
            throw JiraSimulatorError.actionFailed(
                status: result.status, body: String(decoding: result.body?.serialized() ?? Data(), as: UTF8.self))
        }
        return result.body
    }
}
