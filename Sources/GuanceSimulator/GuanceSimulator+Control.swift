import RichText

/// In-process control: the same operations as the `/__sim/` HTTP control API, for Swift tests.
extension GuanceSimulator {
    /// The current simulated time, epoch seconds.
    public var now: Double { clock.now() }

    /// The current behaviour switches.
    public var behaviour: GuanceSimulatorBehaviour { state.withLock { $0.behaviour } }

    /// Changes behaviour switches while running.
    public func updateBehaviour(_ update: (inout GuanceSimulatorBehaviour) -> Void) {
        state.withLock { update(&$0.behaviour) }
    }

    /// Changes the rate limits while running (recorded history is kept).
    public func updateRateLimits(_ update: (inout GuanceRateLimitOptions) -> Void) {
        state.withLock { update(&$0.rateLimiter.options) }
    }

    /// Moves the simulated clock by `seconds` (negative moves it back).
    public func advanceClock(bySeconds seconds: Double) {
        clock.advance(bySeconds: seconds)
    }

    /// Sets the simulated clock.
    public func setClock(epochSeconds: Double) {
        clock.set(epochSeconds: epochSeconds)
    }

    /// Adds a fault; faults are checked in the order they were added.
    public func injectFault(_ fault: GuanceFault) {
        state.withLock { $0.faults.append(fault) }
    }

    /// Removes every fault.
    public func clearFaults() {
        state.withLock { $0.faults = [] }
    }

    /// Forgets issues, replies, faults, request counts and rate-limit history (configuration is kept).
    public func reset() {
        state.withLock { $0.reset() }
    }

    /// The `default` channel's UUID.
    public var defaultChannelUUID: String { state.withLock { $0.defaultChannelUUID } }

    /// Every channel, including deleted ones.
    public var channels: [SimulatedChannel] { state.withLock { $0.channels } }

    /// Every level (system then custom).
    public var levels: [SimulatedLevel] { state.withLock { $0.levels } }

    /// The issue with `uuid`, deleted or not.
    public func issue(_ uuid: String) -> SimulatedIssue? {
        state.withLock { $0.issues[uuid] }
    }

    /// Every issue, oldest first.
    public func allIssues() -> [SimulatedIssue] {
        state.withLock { $0.issues.values.sorted { $0.id < $1.id } }
    }

    /// An issue's replies (including deleted ones), oldest first.
    public func replies(of issueUUID: String) -> [SimulatedReply] {
        state.withLock { state in (state.replyUUIDsByIssue[issueUUID] ?? []).compactMap { state.replies[$0] } }
    }

    /// Request counters.
    public var stats: GuanceSimulatorStats { state.withLock { GuanceSimulatorStats($0.log) } }

    /// Creates an issue as a member or monitor (a `checker` issue for monitors).
    @discardableResult
    public func createIssue(
        _ draft: GuanceIssueDraft, as actor: SimulatedActor
    ) throws(GuanceSimulatorError) -> SimulatedIssue {
        let now = clock.now().rounded(.down)
        return try state.withLock { state throws(GuanceSimulatorError) in
            try state.addIssue(draft, by: actor, now: now)
        }
    }

    /// Records a monitor event grouped by `resource`: a reply on the open/pending `checker` issue for that
    /// resource, or a new issue when there is none (a resolved issue gets a new one).
    ///
    /// - Returns: the issue the event landed on and whether it was created.
    @discardableResult
    public func recordMonitorEvent(
        title: String, message: String, resource: String
    ) throws(GuanceSimulatorError) -> (issue: SimulatedIssue, created: Bool) {
        let now = clock.now().rounded(.down)
        return try state.withLock { state throws(GuanceSimulatorError) in
            try state.recordMonitorEvent(title: title, message: message, resource: resource, now: now)
        }
    }

    /// Changes an issue as a member or monitor; a `nil` `extend` keeps the stored one.
    @discardableResult
    public func modifyIssue(
        _ uuid: String, _ change: GuanceIssueChange, as actor: SimulatedActor
    ) throws(GuanceSimulatorError) -> SimulatedIssue {
        let now = clock.now().rounded(.down)
        return try state.withLock { state throws(GuanceSimulatorError) in
            try state.modifyIssue(uuid, change: change, replacesExtend: false, by: actor, now: now)
        }
    }

    /// Like ``modifyIssue(_:_:as:)``, with the `statusType` the issue had right before the change.
    func modifyIssueReportingPrevious(
        _ uuid: String, _ change: GuanceIssueChange, as actor: SimulatedActor
    ) throws(GuanceSimulatorError) -> (previousStatusType: Int, issue: SimulatedIssue) {
        let now = clock.now().rounded(.down)
        return try state.withLock { state throws(GuanceSimulatorError) in
            let previous = try state.visibleIssue(uuid).statusType
            return (previous, try state.modifyIssue(uuid, change: change, replacesExtend: false, by: actor, now: now))
        }
    }

    /// Marks an issue deleted (`deleteAt` = now); the product API has no such endpoint.
    public func deleteIssue(_ uuid: String) throws(GuanceSimulatorError) {
        let now = clock.now().rounded(.down)
        try state.withLock { state throws(GuanceSimulatorError) in try state.deleteIssue(uuid, now: now) }
    }

    /// Adds a reply as a member or monitor; `type: "change"` models a monitor appending an event.
    @discardableResult
    public func addReply(
        to issueUUID: String, content: String, extend: JSONValue = .object([:]), type: String = "reply",
        as actor: SimulatedActor
    ) throws(GuanceSimulatorError) -> SimulatedReply {
        let now = clock.now().rounded(.down)
        return try state.withLock { state throws(GuanceSimulatorError) in
            try state.addReply(to: issueUUID, content: content, extend: extend, type: type, by: actor, now: now)
        }
    }

    /// Edits a reply as `actor` (only its creator may).
    @discardableResult
    public func modifyReply(
        _ uuid: String, content: String?, extend: JSONValue? = nil, as actor: SimulatedActor
    ) throws(GuanceSimulatorError) -> SimulatedReply {
        let now = clock.now().rounded(.down)
        return try state.withLock { state throws(GuanceSimulatorError) in
            try state.modifyReply(uuid, issueUUID: nil, content: content, extend: extend, by: actor, now: now)
        }
    }

    /// Deletes a reply as `actor`.
    public func deleteReply(_ uuid: String, as actor: SimulatedActor) throws(GuanceSimulatorError) {
        let now = clock.now().rounded(.down)
        try state.withLock { state throws(GuanceSimulatorError) in try state.deleteReply(uuid, by: actor, now: now) }
    }

    /// The whole state as JSON (what `GET /__sim/state` returns).
    public func stateDump() -> JSONValue {
        let now = clock.now()
        return state.withLock { $0.dump(now: now) }
    }
}
