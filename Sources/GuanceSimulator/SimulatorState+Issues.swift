import RichText

extension SimulatorState {
    /// Creates an issue and its "created" `change` reply.
    mutating func addIssue(
        _ draft: GuanceIssueDraft, by actor: SimulatedActor, now: Double
    ) throws(GuanceSimulatorError) -> SimulatedIssue {
        guard !draft.name.isEmpty, draft.name.count <= 256 else { throw .invalid("name must be 1–256 characters") }
        try validateLevel(draft.level)
        try validateChannels(draft.channelUUIDs)
        guard draft.extend.objectValue != nil else { throw .invalid("extend must be an object") }
        let honoursStatus = actor.kind != .apiKey || behaviour.addHonoursStatusType
        let statusType = honoursStatus ? (draft.statusType ?? 10) : 10
        try validateStatusType(statusType)
        let issue = SimulatedIssue(
            uuid: Self.makeUUID(prefix: "issue_"), id: takeID(), name: draft.name, description: draft.description,
            level: draft.level, statusType: statusType, resourceType: draft.resourceType, resource: draft.resource,
            resourceUUID: draft.resourceUUID, extend: draft.extend, creator: actor, updator: actor, createAt: now,
            updateAt: nil, deleteAt: nil, channelUUIDs: draft.channelUUIDs, replyChannelUUIDs: []
        )
        issues[issue.uuid] = issue
        appendChange("Member created an Issue.", to: issue.uuid, by: actor, now: now)
        return issue
    }

    /// Applies `change`; status, level and description changes each append a `change` reply.
    ///
    /// - Parameter replacesExtend: product-API semantics: the stored `extend` is replaced by
    ///   `change.extend` (required), which is how `[]` channels or a missing `manager` clear them.
    mutating func modifyIssue(
        _ uuid: String, change: GuanceIssueChange, replacesExtend: Bool, by actor: SimulatedActor, now: Double
    ) throws(GuanceSimulatorError) -> SimulatedIssue {
        var issue = try visibleIssue(uuid)
        if replacesExtend, change.extend?.objectValue == nil { throw .invalid("extend is required") }
        if let name = change.name, name.isEmpty || name.count > 256 {
            throw .invalid("name must be 1–256 characters")
        }
        if let level = change.level { try validateLevel(level) }
        if let statusType = change.statusType { try validateStatusType(statusType) }
        if let channels = change.channelUUIDs { try validateChannels(channels) }
        if let extend = change.extend, extend.objectValue == nil { throw .invalid("extend must be an object") }

        var notes: [String] = []
        if let statusType = change.statusType, statusType != issue.statusType {
            notes.append(
                "Member changed the status from \(Self.statusName(issue.statusType)) to \(Self.statusName(statusType))."
            )
            issue.statusType = statusType
        }
        if let level = change.level, level != issue.level {
            notes.append("Member changed the level from \(levelName(issue.level)) to \(levelName(level)).")
            issue.level = level
        }
        if let description = change.description, description != issue.description {
            notes.append("Member changed the description.")
            issue.description = description
        }
        if let name = change.name { issue.name = name }
        if let extend = change.extend { issue.extend = extend }
        if let managers = change.managers {
            var object = issue.extend.objectValue ?? [:]
            object["manager"] = .array(managers.map(JSONValue.string))
            issue.extend = .object(object)
        }
        if let channels = change.channelUUIDs { issue.channelUUIDs = channels }
        issue.updator = actor
        issue.updateAt = now
        issues[uuid] = issue
        for note in notes { appendChange(note, to: uuid, by: actor, now: now) }
        return issue
    }

    /// Marks an issue deleted (no product endpoint does this; the docs only show `deleteAt` on the object).
    mutating func deleteIssue(_ uuid: String, now: Double) throws(GuanceSimulatorError) {
        guard var issue = issues[uuid], issue.deleteAt == nil else {
            throw .notFound("issue \(uuid)", status: behaviour.notFoundStatus)
        }
        issue.deleteAt = now
        issues[uuid] = issue
    }

    /// The documented English names of the workflow states.
    static func statusName(_ statusType: Int) -> String {
        switch statusType {
        case 10: "Open"
        case 15: "Working"
        case 20: "Resolved"
        case 25: "Closed"
        case 30: "Pending"
        default: "\(statusType)"
        }
    }

    private func levelName(_ uuid: String) -> String {
        level(uuid)?.displayName ?? "未知"
    }
}
