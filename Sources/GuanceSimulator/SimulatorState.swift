import Foundation
import RichText

/// All mutable simulator data. Lives inside a `Mutex` in ``GuanceSimulator``; every method is synchronous.
struct SimulatorState: Sendable {
    let workspaceUUID: String
    let apiKeys: [GuanceSimulatedAPIKey]
    let members: [SimulatedActor]
    let disabledMembers: [SimulatedActor]
    var behaviour: GuanceSimulatorBehaviour
    var rateLimiter: RateLimiter
    var faults: [GuanceFault] = []
    /// The share of product requests (0…1) that meet a random fault (``takeFault(method:path:)``).
    var randomFaultRate = 0.0
    var log: RequestLog

    private(set) var channels: [SimulatedChannel] = []
    private(set) var levels: [SimulatedLevel] = []
    var issues: [String: SimulatedIssue] = [:]
    var replies: [String: SimulatedReply] = [:]
    /// Reply UUIDs per issue, in creation order.
    var replyUUIDsByIssue: [String: [String]] = [:]
    private var nextID = 108_010

    /// The UUID of the `default` channel.
    var defaultChannelUUID: String { channels[0].uuid }

    init(options: GuanceSimulatorOptions, now: Double) {
        workspaceUUID = options.workspaceUUID
        apiKeys = options.apiKeys
        members = options.members
        disabledMembers = options.disabledMembers
        behaviour = options.behaviour
        rateLimiter = RateLimiter(options: options.rateLimits)
        log = RequestLog(capacity: options.requestLogCapacity)
        channels.append(makeChannel(name: "default", now: now, deleted: false))
        for name in options.channelNames {
            channels.append(makeChannel(name: name, now: now, deleted: false))
        }
        for name in options.deletedChannelNames {
            channels.append(makeChannel(name: name, now: now, deleted: true))
        }
        levels = SimulatedLevel.systemLevels
        for spec in options.customLevels {
            levels.append(
                SimulatedLevel(
                    uuid: Self.makeUUID(prefix: "issl_"), id: takeID(), name: spec.name, color: spec.color,
                    isDefault: false, createAt: now
                )
            )
        }
    }

    /// A fresh `prefix` + 32 lowercase hex digits identifier.
    static func makeUUID(prefix: String) -> String {
        prefix + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    }

    mutating func takeID() -> Int {
        defer { nextID += 1 }
        return nextID
    }

    private mutating func makeChannel(name: String, now: Double, deleted: Bool) -> SimulatedChannel {
        SimulatedChannel(
            uuid: Self.makeUUID(prefix: "chan_"), id: takeID(), name: name, createAt: now - 86_400,
            deleteAt: deleted ? now - 3_600 : nil
        )
    }

    func liveChannel(_ uuid: String) -> SimulatedChannel? {
        channels.first { $0.uuid == uuid && $0.deleteAt == nil }
    }

    func level(_ uuid: String) -> SimulatedLevel? {
        levels.first { $0.uuid == uuid }
    }

    /// The key whose secret (or, if ``GuanceSimulatorBehaviour/acceptsKeyIDInHeader``, whose id) is `header`.
    func apiKey(header: String) -> GuanceSimulatedAPIKey? {
        apiKeys.first { $0.secret == header || (behaviour.acceptsKeyIDInHeader && $0.id == header) }
    }

    /// The issue with `uuid`, if it exists and is visible under the current behaviour.
    func visibleIssue(_ uuid: String) throws(GuanceSimulatorError) -> SimulatedIssue {
        guard let issue = issues[uuid], issue.deleteAt == nil || behaviour.showsDeletedIssues else {
            throw .notFound("issue \(uuid)", status: behaviour.notFoundStatus)
        }
        return issue
    }

    /// The reply with `uuid`, if it exists and is not deleted.
    func liveReply(_ uuid: String) throws(GuanceSimulatorError) -> SimulatedReply {
        guard let reply = replies[uuid], reply.deleteAt == nil else {
            throw .notFound("reply \(uuid)", status: behaviour.notFoundStatus)
        }
        return reply
    }

    /// The statusType values this tenant accepts.
    var acceptedStatusTypes: Set<Int> {
        behaviour.acceptsExtendedStatusTypes ? [10, 15, 20, 25, 30] : [10, 20, 30]
    }

    func validateStatusType(_ statusType: Int) throws(GuanceSimulatorError) {
        guard acceptedStatusTypes.contains(statusType) else {
            throw .invalid("statusType must be one of \(acceptedStatusTypes.sorted())")
        }
    }

    func validateLevel(_ level: String) throws(GuanceSimulatorError) {
        guard level.isEmpty || self.level(level) != nil else { throw .invalid("unknown level \(level)") }
    }

    func validateChannels(_ uuids: [String]) throws(GuanceSimulatorError) {
        for uuid in uuids where liveChannel(uuid) == nil {
            throw .invalid("unknown channel \(uuid)")
        }
    }

    /// Forgets issues, replies, faults, request counts and rate-limit history; keeps configuration.
    mutating func reset() {
        issues = [:]
        replies = [:]
        replyUUIDsByIssue = [:]
        faults = []
        randomFaultRate = 0
        rateLimiter.reset()
        log = RequestLog(capacity: log.capacity)
    }
}
