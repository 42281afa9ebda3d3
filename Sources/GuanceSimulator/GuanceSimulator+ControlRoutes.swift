import Hummingbird
import RichText

/// The HTTP control API under `/__sim/`. Bodies are JSON objects; answers are bare JSON (no product envelope),
/// errors `{"errorCode", "message"}` with the error's status.
///
/// | Route | Body | Effect |
/// |---|---|---|
/// | `GET /__sim/state` | | state dump |
/// | `POST /__sim/reset` | | forget issues, replies, faults, counters |
/// | `POST /__sim/clock` | `{advanceSeconds}` or `{epochSeconds}` | move the clock; answers `{now}` |
/// | `POST /__sim/behaviour` | any ``GuanceSimulatorBehaviour`` properties | change behaviour; answers all of it |
/// | `POST /__sim/rate-limits` | any ``GuanceRateLimitOptions`` properties | change limits; answers all of them |
/// | `POST /__sim/faults` | `{effect, status?, latencyMs?, method?, pathContains?, count?}` | add a fault |
/// | `DELETE /__sim/faults` | | clear faults |
/// | `POST /__sim/random-faults` | `{rate}` | that share of requests meets a random fault (5xx, 401 throttle, dropped before/after handling, slow) |
/// | `POST /__sim/issues` | draft fields + `actor?` | create an issue as a member/monitor |
/// | `POST /__sim/monitor-events` | `{title, message, resource}` | event: reply on the open issue, or new issue |
/// | `POST /__sim/issues/{uuid}/modify` | change fields + `managers?` + `actor?` | change an issue |
/// | `POST /__sim/issues/{uuid}/delete` | | mark deleted |
/// | `POST /__sim/issues/{uuid}/replies` | `{content, extend?, type?, actor?}` | add a reply |
/// | `POST /__sim/replies/{uuid}/modify` | `{content?, extend?, actor?}` | edit a reply |
/// | `POST /__sim/replies/{uuid}/delete` | `{actor?}` | delete a reply |
///
/// `actor` is `"monitor"`, `"autoDiscovery"`, a member's `acnt_…` uuid, or `{uuid, name, email}`; it defaults to
/// the first configured member.
extension GuanceSimulator {
    func controlResponse(method: String, path: String, body: [UInt8]) -> Response {
        do throws(GuanceSimulatorError) {
            let fields = try BodyFields(Self.parseJSON(body).get())
            let segments = path.split(separator: "/").dropFirst().map(String.init)
            return Self.response(status: 200, json: try control(method: method, segments: segments, fields: fields))
        } catch {
            return Self.response(
                status: error.status,
                json: .object(["errorCode": .string(error.errorCode), "message": .string(error.message)])
            )
        }
    }

    private func control(
        method: String, segments: [String], fields: BodyFields
    ) throws(GuanceSimulatorError) -> JSONValue {
        let route = RouteMatcher(method: method, segments: segments)
        if route.matches("GET", "state") {
            return stateDump()
        } else if route.matches("POST", "reset") {
            reset()
            return .bool(true)
        } else if route.matches("POST", "clock") {
            if let seconds = try fields.number("advanceSeconds") { advanceClock(bySeconds: seconds) }
            if let epoch = try fields.number("epochSeconds") { setClock(epochSeconds: epoch) }
            return .object(["now": .double(now)])
        } else if route.matches("POST", "behaviour") {
            let updated = try CodablePatch.apply(fields.object, to: behaviour)
            updateBehaviour { $0 = updated }
            return (try? CodablePatch.json(updated)) ?? .null
        } else if route.matches("POST", "rate-limits") {
            let updated = try CodablePatch.apply(fields.object, to: state.withLock { $0.rateLimiter.options })
            updateRateLimits { $0 = updated }
            return (try? CodablePatch.json(updated)) ?? .null
        } else if route.matches("POST", "faults") {
            injectFault(try Self.fault(fields))
            return .bool(true)
        } else if route.matches("DELETE", "faults") {
            clearFaults()
            return .bool(true)
        } else if route.matches("POST", "random-faults") {
            guard let rate = try fields.number("rate"), (0...1).contains(rate) else { throw .invalid("rate (0…1) is required") }
            state.withLock { $0.randomFaultRate = rate }
            return .bool(true)
        } else if route.matches("POST", "issues") {
            let issue = try createIssue(try Self.draft(fields), as: try actor(fields))
            return state.withLock { $0.render(issue, detailed: true) }
        } else if route.matches("POST", "history") {
            guard let count = try fields.int("count"), (1...200_000).contains(count),
                  let from = try fields.number("fromEpochSeconds"), let to = try fields.number("toEpochSeconds"), from <= to
            else { throw .invalid("count (1…200000), fromEpochSeconds ≤ toEpochSeconds are required") }
            let openEvery = try fields.int("openEvery") ?? 0
            let added = state.withLock { $0.addHistory(count: count, from: from, to: to, openEvery: openEvery) }
            return .object(["issues": .array(added.map { .object(["uuid": .string($0.uuid), "statusType": .int(Int64($0.statusType))]) })])
        } else if route.matches("POST", "monitor-events") {
            let (issue, created) = try recordMonitorEvent(
                title: try fields.requiredString("title"), message: try fields.string("message") ?? "",
                resource: try fields.requiredString("resource")
            )
            return .object(["created": .bool(created), "issue": state.withLock { $0.render(issue, detailed: true) }])
        } else if let uuid = route.capture("POST", "issues", "*", "modify") {
            let change = GuanceIssueChange(
                name: try fields.string("name"), description: try fields.string("description"),
                level: try fields.level("level"), statusType: try fields.int("statusType"),
                extend: try fields.objectValue("extend"), managers: try fields.stringArray("managers"),
                channelUUIDs: try fields.stringArray("channelUUIDs")
            )
            // `previousStatusType`: the status the change replaced, read in the same step (a caller
            // reading it first could miss a write made in between).
            let (previous, issue) = try modifyIssueReportingPrevious(uuid, change, as: try actor(fields))
            guard case .object(var object) = state.withLock({ $0.render(issue, detailed: true) }) else { return .null }
            object["previousStatusType"] = .int(Int64(previous))
            return .object(object)
        } else if let uuid = route.capture("POST", "issues", "*", "delete") {
            try deleteIssue(uuid)
            return .bool(true)
        } else if let uuid = route.capture("GET", "issues", "*", "replies") {
            // One issue's replies (a benchmark watching thousands of issues cannot afford `state`).
            return state.withLock { state in
                let replies = state.replies.values.filter { $0.issueUUID == uuid }.sorted { $0.createAt < $1.createAt }
                return .object(["replies": .array(replies.map { state.render($0, listShape: true) })])
            }
        } else if let uuid = route.capture("POST", "issues", "*", "replies") {
            let reply = try addReply(
                to: uuid, content: try fields.string("content") ?? "",
                extend: try fields.objectValue("extend") ?? .object([:]), type: try fields.string("type") ?? "reply",
                as: try actor(fields)
            )
            return state.withLock { $0.render(reply, listShape: true) }
        } else if let uuid = route.capture("POST", "replies", "*", "modify") {
            let reply = try modifyReply(
                uuid, content: try fields.string("content"), extend: try fields.objectValue("extend"),
                as: try actor(fields)
            )
            return state.withLock { $0.render(reply, listShape: true) }
        } else if let uuid = route.capture("POST", "replies", "*", "delete") {
            try deleteReply(uuid, as: try actor(fields))
            return .bool(true)
        }
        throw GuanceSimulatorError(status: 404, errorCode: "sim.UnknownControlRoute", message: "no control route")
    }

    private func actor(_ fields: BodyFields) throws(GuanceSimulatorError) -> SimulatedActor {
        let members = options.members
        switch fields.object["actor"] {
        case nil, .null?:
            guard let first = members.first else { throw .invalid("no members configured; pass actor") }
            return first
        case .string("monitor")?:
            return .monitor
        case .string("autoDiscovery")?:
            return .autoDiscovery
        case .string(let uuid)?:
            if let member = members.first(where: { $0.uuid == uuid }) { return member }
            if let key = options.apiKeys.first(where: { $0.id == uuid }) { return .apiKey(key) }
            throw .invalid("unknown actor \(uuid)")
        case let value?:
            let actor = try BodyFields(value)
            let uuid = try actor.requiredString("uuid")
            let name = try actor.string("name") ?? ""
            if try actor.string("kind") == SimulatedActor.Kind.apiKey.rawValue {
                // Another integration's key (not one the simulator authenticates): writes as that key would.
                guard uuid.hasPrefix("wsak_") else { throw .invalid("an API key actor's uuid starts with wsak_") }
                return .apiKey(GuanceSimulatedAPIKey(name: name, id: uuid, secret: ""))
            }
            return .account(uuid: uuid, name: name, email: try actor.string("email") ?? "")
        }
    }

    private static func draft(_ fields: BodyFields) throws(GuanceSimulatorError) -> GuanceIssueDraft {
        GuanceIssueDraft(
            name: try fields.requiredString("name"), description: try fields.string("description") ?? "",
            level: try fields.level("level") ?? "system_level_3",
            resourceType: try fields.string("resourceType") ?? "", resource: try fields.string("resource") ?? "",
            resourceUUID: try fields.string("resourceUUID") ?? "", statusType: try fields.int("statusType"),
            extend: try fields.objectValue("extend") ?? .object([:]),
            channelUUIDs: try fields.stringArray("channelUUIDs") ?? []
        )
    }

    private static func fault(_ fields: BodyFields) throws(GuanceSimulatorError) -> GuanceFault {
        let effect: GuanceFault.Effect
        switch try fields.requiredString("effect") {
        case "status": effect = .status(try fields.int("status") ?? 500)
        case "throttleKey": effect = .throttleKey
        case "throttleWorkspace": effect = .throttleWorkspace
        case "latency": effect = .latency(.milliseconds(try fields.int("latencyMs") ?? 1_000))
        case "malformedJSON": effect = .malformedJSON
        case "dropConnection": effect = .dropConnection
        case "dropAfterHandling": effect = .dropAfterHandling
        case let other: throw .invalid("unknown fault effect \(other)")
        }
        let count: Int? = fields.object["count"] == .null ? nil : (try fields.int("count") ?? 1)
        return GuanceFault(
            effect, method: try fields.string("method"), pathContains: try fields.string("pathContains"),
            count: count
        )
    }
}
