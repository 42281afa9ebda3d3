import Foundation
import Logging
import Synchronization

/// The framework-independent core: routes a `SimRequest` against the guarded state and produces a `SimResponse`.
final class SimulatorEngine: Sendable {
    let options: JiraSimulatorOptions
    let catalog: SiteCatalog
    let logger: Logger
    let state: Mutex<SimulatorState>
    /// Whether people's e-mail addresses are hidden (Cloud profile visibility); see the option.
    let emailsHidden: Mutex<Bool>

    init(options: JiraSimulatorOptions, logger: Logger) {
        self.options = options
        self.catalog = SiteCatalog(options: options)
        self.logger = logger
        self.state = Mutex(SimulatorState(searchIndexLag: options.searchIndexLag))
        self.emailsHidden = Mutex(options.cloudEmailsHidden)
    }

    var isCloud: Bool { options.flavour == .cloud }

    /// Handles one request to the product API or the control API.
    func handle(_ request: SimRequest) -> SimResponse {
        if request.path.hasPrefix(SimulatorEngine.controlPrefix) {
            return handleControl(request)
        }
        let (label, response) = state.withLock { state in
            let (label, response) = handleProduct(request, state: &state)
            state.requestCounts["\(label) \(response.status)", default: 0] += 1
            if let jql = Self.searchedJQL(request, route: label) {
                state.recentSearches.append(jql)
                state.recentSearches.removeFirst(max(0, state.recentSearches.count - SimulatorState.recentSearchLimit))
            }
            return (label, response)
        }
        logger.debug("jira-sim request", metadata: ["jira.sim.route": "\(label)", "jira.sim.status": "\(response.status)"])
        return response
    }

    /// The JQL of a search request (`/search` or `/search/jql`, GET or POST), else `nil`.
    static func searchedJQL(_ request: SimRequest, route: String) -> String? {
        guard route.hasSuffix("/search") || route.hasSuffix("/search/jql") else { return nil }
        if request.method == "POST" { return request.json?["jql"]?.stringValue }
        return request.queryValue("jql")
    }

    /// The endpoint for a request, if this flavour serves it (DC has no v3 and no Cloud-only endpoints).
    func routeMatch(_ request: SimRequest) -> SimEndpoint.Match? {
        guard let match = SimEndpoint.match(method: request.method, path: request.path),
            isCloud || (match.version == 2 && !match.endpoint.isCloudOnly)
        else { return nil }
        return match
    }

    private func handleProduct(_ request: SimRequest, state: inout SimulatorState) -> (String, SimResponse) {
        guard let match = routeMatch(request) else {
            return ("\(request.method) (unknown)", .error(404, [SimMessages(chinese: false).notFound]))
        }
        switch applyFault(request, state: &state) {
        case .respond(let faulted):
            return (match.label, faulted)
        case .delay(let delay):
            var delayed = perform(match, request, state: &state)
            delayed.delay = delay
            return (match.label, delayed)
        case .dropAfterHandling:
            var handled = perform(match, request, state: &state)
            handled.transport = .dropConnection
            return (match.label, handled)
        case .precededBy(let calls):
            for call in calls {
                let answer = dispatch(call, state: &state)
                logger.debug("jira-sim person acted first", metadata: ["jira.sim.status": "\(answer.status)"])
            }
            return (match.label, perform(match, request, state: &state))
        case nil:
            return (match.label, perform(match, request, state: &state))
        }
    }

    private func perform(_ match: SimEndpoint.Match, _ request: SimRequest, state: inout SimulatorState) -> SimResponse {
        guard let userIndex = authenticate(request) else {
            return .error(401, [SimMessages(chinese: false).notAuthenticated], headers: [("WWW-Authenticate", authChallenge)])
        }
        let call = SimCall(
            request: request, endpoint: match.endpoint, parameters: match.parameters, version: match.version,
            userIndex: userIndex, user: options.users[userIndex])
        if let rejection = admit(call, label: match.label, state: &state) {
            return rateLimited(rejection, messages: call.messages)
        }
        var response = dispatch(call, state: &state)
        if let bucket = options.limits.burst, let remaining = state.rateLimiter.remaining(endpoint: match.label) {
            response.headers += [
                ("X-RateLimit-Limit", String(bucket.capacity)), ("X-RateLimit-Remaining", String(remaining)),
                ("X-RateLimit-NearLimit", String(Double(remaining) < Double(bucket.capacity) * 0.2)),
            ]
        }
        if isCloud {
            response.headers.append(("X-AAccountId", call.user.accountId))
        }
        return response
    }

    private var authChallenge: String { isCloud ? "Basic realm=\"jira-sim\"" : "Bearer realm=\"jira-sim\"" }

    /// Cloud: Basic base64(email:api_token). DC: Bearer PAT (a PAT as basic password fails).
    private func authenticate(_ request: SimRequest) -> Int? {
        guard let header = request.headers["authorization"] else { return nil }
        if isCloud {
            guard header.hasPrefix("Basic "),
                let decoded = Data(base64Encoded: String(header.dropFirst(6))).flatMap({ String(data: $0, encoding: .utf8) }),
                let colon = decoded.firstIndex(of: ":")
            else { return nil }
            let email = decoded[..<colon]
            let token = decoded[decoded.index(after: colon)...]
            return options.users.firstIndex { $0.emailAddress == email && $0.token == token }
        }
        guard header.hasPrefix("Bearer ") else { return nil }
        let token = header.dropFirst(7)
        return options.users.firstIndex { $0.token == token }
    }

    /// What an injected fault does to the request.
    private enum FaultOutcome {
        /// Answer with this instead of handling the request.
        case respond(SimResponse)
        /// Handle the request, then answer after this delay.
        case delay(Duration)
        /// Handle these people's calls first, in order, then the request.
        case precededBy([SimCall])
        /// Handle the request, then close the connection instead of answering.
        case dropAfterHandling
    }

    /// With probability `randomFaultRate`, one of the faults a real site shows now and then: a 5xx,
    /// a 429 with `Retry-After`, a connection dropped before or after the request was handled, or
    /// a slow answer.
    private func randomFault(state: inout SimulatorState) -> FaultOutcome? {
        guard state.randomFaultRate > 0, Double.random(in: 0..<1) < state.randomFaultRate else { return nil }
        let kinds: [(String, FaultOutcome)] = [
            ("500", .respond(.error(500, ["Simulated server error 500."]))),
            ("503", .respond(.error(503, ["Simulated server error 503."]))),
            ("429", .respond(rateLimited(
                RateLimitRejection(reason: "jira-burst-based", retryAfter: 1, limit: 0, resetAt: state.now.addingTimeInterval(1)),
                messages: SimMessages(chinese: false)))),
            ("drop-before", .respond(SimResponse(status: 200, transport: .dropConnection))),
            ("drop-after", .dropAfterHandling),
            ("slow", .delay(.milliseconds(Int64.random(in: 300...2_000)))),
        ]
        let (name, outcome) = kinds.randomElement()!
        state.randomFaultCounts[name, default: 0] += 1
        return outcome
    }

    private func applyFault(_ request: SimRequest, state: inout SimulatorState) -> FaultOutcome? {
        guard let index = state.faults.firstIndex(where: { $0.matches(method: request.method, path: request.path) })
        else { return randomFault(state: &state) }
        let fault = state.faults[index]
        state.faults[index].count -= 1
        if state.faults[index].count <= 0 { state.faults.remove(at: index) }
        switch fault.kind {
        case .status(let status):
            return .respond(.error(status, ["Simulated server error \(status)."]))
        case .rateLimited(let reason, let retryAfter):
            let reset = state.now.addingTimeInterval(TimeInterval(retryAfter))
            return .respond(rateLimited(
                RateLimitRejection(reason: reason, retryAfter: retryAfter, limit: 0, resetAt: reset),
                messages: SimMessages(chinese: false)))
        case .latency(let delay):
            return .delay(delay)
        case .malformedJSON:
            return .respond(SimResponse(
                status: 200, headers: [("Content-Type", "application/json;charset=UTF-8")], body: Data("{\"issues\":[{\"id\":".utf8)))
        case .dropConnection:
            return .respond(SimResponse(status: 200, transport: .dropConnection))
        case .dropAfterHandling:
            return .dropAfterHandling
        case .personFirst(let user, let method, let path, let body):
            let person = SimRequest(
                method: method, path: path, rawQuery: nil, headers: ["content-type": "application/json"], body: Data(body.utf8))
            guard let index = userIndex(user), let call = humanCall(userIndex: index, person) else {
                return .respond(.error(400, ["personFirst fault: unknown user \(user) or route \(method) \(path)"]))
            }
            // Further personFirst faults matching the same request act too, in the order they were added
            // (a person resolving and then reopening between two of the product's reads).
            var calls = [call]
            while let next = state.faults.firstIndex(where: {
                if case .personFirst = $0.kind { return $0.matches(method: request.method, path: request.path) }
                return false
            }) {
                let further = state.faults[next]
                state.faults[next].count -= 1
                if state.faults[next].count <= 0 { state.faults.remove(at: next) }
                guard case .personFirst(let user, let method, let path, let body) = further.kind, let index = userIndex(user),
                    let call = humanCall(userIndex: index, SimRequest(
                        method: method, path: path, rawQuery: nil, headers: ["content-type": "application/json"], body: Data(body.utf8)))
                else { continue }
                calls.append(call)
            }
            return .precededBy(calls)
        }
    }

    private func admit(_ call: SimCall, label: String, state: inout SimulatorState) -> RateLimitRejection? {
        let now = state.now
        if let rejection = state.rateLimiter.admitQuota(options.limits.quota, now: now) { return rejection }
        if let rejection = state.rateLimiter.admitBurst(options.limits.burst, endpoint: label, now: now) { return rejection }
        guard call.endpoint.isIssueWrite, let issueId = writtenIssueId(call, state: state) else { return nil }
        return state.rateLimiter.admitIssueWrite(issueId: issueId, windows: options.limits.perIssueWrites, now: now)
    }

    private func writtenIssueId(_ call: SimCall, state: SimulatorState) -> Int? {
        if let issue = call.parameters["issue"] { return state.issue(issue)?.id }
        return call.parameters["commentId"].flatMap(Int.init).flatMap { state.comments[$0]?.issueId }
    }

    private func rateLimited(_ rejection: RateLimitRejection, messages: SimMessages) -> SimResponse {
        let formatter = ISO8601DateFormatter()
        return .error(
            429, [messages.rateLimited],
            headers: [
                ("Retry-After", String(rejection.retryAfter)),
                ("RateLimit-Reason", rejection.reason),
                ("X-RateLimit-Limit", String(rejection.limit)),
                ("X-RateLimit-Remaining", "0"),
                ("X-RateLimit-Reset", formatter.string(from: rejection.resetAt)),
                ("X-RateLimit-NearLimit", "true"),
            ])
    }

    /// Webhook deliveries produced since the last call.
    func takeWebhookDeliveries() -> [WebhookDelivery] {
        state.withLock { state in
            defer { state.webhookOutbox.removeAll() }
            return state.webhookOutbox
        }
    }

    static let controlPrefix = "/__sim/"
}
