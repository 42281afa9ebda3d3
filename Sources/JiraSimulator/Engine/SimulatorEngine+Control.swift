import Foundation

extension SimulatorEngine {
    /// Finds a user by name, account id or e-mail.
    func userIndex(_ reference: String) -> Int? {
        options.users.firstIndex { $0.isNamed(reference) }
    }

    /// Runs a product-API request as `userIndex`, skipping auth, faults and rate limits (a human in the UI).
    func performAs(userIndex: Int, _ request: SimRequest) -> SimResponse {
        guard let call = humanCall(userIndex: userIndex, request) else { return .error(404, [SimMessages(chinese: false).notFound]) }
        return state.withLock { dispatch(call, state: &$0) }
    }

    /// `request` as a call by the user at `userIndex`, bypassing authentication, faults and limits
    /// (`nil` when this flavour has no such route).
    func humanCall(userIndex: Int, _ request: SimRequest) -> SimCall? {
        guard let match = routeMatch(request) else { return nil }
        return SimCall(
            request: request, endpoint: match.endpoint, parameters: match.parameters, version: match.version,
            userIndex: userIndex, user: options.users[userIndex])
    }

    func reset() {
        state.withLock { $0 = SimulatorState(searchIndexLag: options.searchIndexLag) }
        emailsHidden.withLock { $0 = options.cloudEmailsHidden }
    }

    /// Issues, comments, request counts, clock and lag as one JSON document.
    func dump() -> SimJSON {
        state.withLock { state in
            let format: (Date) -> SimJSON = { .string(JiraTimestamp.format($0, timeZone: self.options.serverTimeZone)) }
            let issues: [SimJSON] = state.issues.values.sorted { $0.id < $1.id }.map { issue in
                let status = catalog.status(issue.statusId, in: issue.projectKey)
                return [
                    "id": .string(String(issue.id)), "key": .string(issue.key), "project": .string(issue.projectKey),
                    "summary": .string(issue.summary), "description": issue.description,
                    "status": .optional(status?.name.english), "statusCategory": .optional(status?.category.rawValue),
                    "resolution": .optional(catalog.resolution(issue.resolutionId)?.name.english),
                    "labels": .array(issue.labels.map(SimJSON.string)), "properties": .object(issue.properties),
                    "reporter": .string(options.users[issue.reporterIndex].name),
                    "assignee": .optional(issue.assigneeIndex.map { options.users[$0].name }),
                    "assigneeAccountId": .optional(issue.assigneeIndex.map { options.users[$0].accountId }),
                    "priorityId": .optional(issue.priorityId),
                    "creator": .string(options.users[issue.creatorIndex].name),
                    "created": format(issue.created), "updated": format(issue.updated),
                ]
            }
            let comments: [SimJSON] = state.comments.values.sorted { $0.id < $1.id }.map { comment in
                [
                    "id": .string(String(comment.id)), "issueId": .string(String(comment.issueId)),
                    "issueKey": .optional(state.issues[comment.issueId]?.key),
                    "author": .string(options.users[comment.authorIndex].name), "body": comment.body,
                    "properties": .object(comment.properties), "created": format(comment.created),
                    "updated": format(comment.updated),
                ]
            }
            let transitions: [SimJSON] = state.transitions.map { transition in
                [
                    "issueId": .string(String(transition.issueId)),
                    "author": .string(options.users[transition.authorIndex].name),
                    "from": .string(transition.from), "to": .string(transition.to), "at": format(transition.at),
                ]
            }
            return [
                "flavour": .string(options.flavour.rawValue), "now": format(state.now),
                "transitions": .array(transitions),
                "searchIndexLagSeconds": .double(state.searchIndexLag.timeInterval),
                "issues": .array(issues), "comments": .array(comments),
                "requestCounts": .object(state.requestCounts.mapValues(SimJSON.int)),
                "recentSearches": .array(state.recentSearches.map(SimJSON.string)),
                "randomFaults": .object(state.randomFaultCounts.mapValues(SimJSON.int)),
                "pendingFaults": .int(state.faults.count),
            ]
        }
    }

    /// The HTTP control API under `/__sim/` (no auth; never part of the product API).
    func handleControl(_ request: SimRequest) -> SimResponse {
        let path = String(request.path.dropFirst(Self.controlPrefix.count))
        let body = request.json
        switch (request.method, path) {
        case ("POST", "reset"):
            reset()
            return .noContent
        case ("GET", "state"):
            return .json(200, dump())
        case ("POST", "clock"):
            state.withLock { state in
                if let seconds = body?["advanceSeconds"]?.doubleValue {
                    state.clock.advance(by: seconds)
                } else if let millis = body?["epochMillis"]?.doubleValue {
                    state.clock.set(Date(timeIntervalSince1970: millis / 1000), frozen: body?["frozen"] == .bool(true))
                }
            }
            return .json(200, ["now": .string(JiraTimestamp.format(state.withLock { $0.now }, timeZone: "UTC"))])
        case ("POST", "lag"):
            guard let seconds = body?["seconds"]?.doubleValue else { return .error(400, ["seconds is required"]) }
            state.withLock { $0.searchIndexLag = .milliseconds(Int64(seconds * 1000)) }
            return .noContent
        case ("POST", "email-visibility"):
            guard let hidden = body?["hidden"], case .bool(let value) = hidden else { return .error(400, ["hidden is required"]) }
            emailsHidden.withLock { $0 = value }
            return .noContent
        case ("POST", "faults"):
            guard let fault = body.flatMap(Self.fault(from:)) else { return .error(400, ["unknown fault kind"]) }
            state.withLock { $0.faults.append(fault) }
            return .noContent
        case ("DELETE", "faults"):
            state.withLock { $0.faults.removeAll() }
            return .noContent
        case ("POST", "random-faults"):
            guard let rate = body?["rate"]?.doubleValue, (0...1).contains(rate) else { return .error(400, ["rate (0…1) is required"]) }
            state.withLock { $0.randomFaultRate = rate }
            return .noContent
        case ("POST", "webhooks"):
            guard let url = body?["url"]?.stringValue else { return .error(400, ["url is required"]) }
            let id = registerWebhook(
                url: url, secret: body?["secret"]?.stringValue,
                events: (body?["events"]?.arrayValue ?? []).compactMap(\.stringValue))
            return .json(201, ["id": .int(id)])
        default:
            return controlAs(request, path: path)
        }
    }

    func registerWebhook(url: String, secret: String?, events: [String]) -> Int {
        state.withLock { state in
            let id = state.webhooks.count + 1
            state.webhooks.append(WebhookRegistration(id: id, url: url, secret: secret, events: events))
            return id
        }
    }

    /// `/__sim/as/{user}/rest/api/…`: the product API acting as that user.
    private func controlAs(_ request: SimRequest, path: String) -> SimResponse {
        let parts = path.split(separator: "/", maxSplits: 2).map(String.init)
        guard parts.count == 3, parts[0] == "as", let index = userIndex(parts[1]) else {
            return .error(404, ["Unknown control endpoint \(request.method) \(request.path)"])
        }
        var forwarded = request
        forwarded.path = "/" + parts[2]
        return performAs(userIndex: index, forwarded)
    }

    /// Parses `{"kind":"status","status":503,"method":"POST","pathContains":"/comment","count":2}` and friends;
    /// `{"kind":"personFirst","user":"alice","personMethod":"POST","personPath":"/rest/api/3/issue/OPS-1/transitions",
    /// "personBody":{…},"method":"POST","pathContains":"/transitions"}` has a person act right before the match.
    static func fault(from json: SimJSON) -> JiraSimulatorFault? {
        let kind: JiraSimulatorFault.Kind
        switch json["kind"]?.stringValue {
        case "status": kind = .status(json["status"]?.intValue ?? 500)
        case "rateLimited":
            kind = .rateLimited(
                reason: json["reason"]?.stringValue ?? "jira-burst-based", retryAfterSeconds: json["retryAfter"]?.intValue ?? 1)
        case "latency": kind = .latency(.milliseconds(json["milliseconds"]?.intValue ?? 1000))
        case "malformedJSON": kind = .malformedJSON
        case "dropConnection": kind = .dropConnection
        case "dropAfterHandling": kind = .dropAfterHandling
        case "personFirst":
            guard let user = json["user"]?.stringValue, let path = json["personPath"]?.stringValue else { return nil }
            kind = .personFirst(
                user: user, method: json["personMethod"]?.stringValue ?? "POST", path: path,
                body: json["personBody"].map { String(decoding: (try? JSONEncoder().encode($0)) ?? Data(), as: UTF8.self) } ?? "")
        default: return nil
        }
        return JiraSimulatorFault(
            kind, method: json["method"]?.stringValue, pathContains: json["pathContains"]?.stringValue,
            count: json["count"]?.intValue ?? 1)
    }
}

extension SimJSON {
    /// Any number as `Double`, or `nil`.
    var doubleValue: Double? {
        switch self {
        case .int(let value): Double(value)
        case .double(let value): value
        case .string(let value): Double(value)
        default: nil
        }
    }
}
