import RichText

extension SimulatorState {
    /// Appends a reply (`type: "reply"`, or `"change"` for monitors appending events through the control API).
    mutating func addReply(
        to issueUUID: String, content: String, extend: JSONValue, type: String = "reply",
        by actor: SimulatedActor, now: Double
    ) throws(GuanceSimulatorError) -> SimulatedReply {
        var issue = try visibleIssue(issueUUID)
        guard content.count <= 65_535 else { throw .invalid("content exceeds 65535 characters") }
        guard extend.objectValue != nil else { throw .invalid("extend must be an object") }
        let mentioned = extend["channels"]?.arrayValue?.compactMap { $0["uuid"]?.stringValue } ?? []
        try validateChannels(mentioned)
        let reply = storeReply(to: issueUUID, type: type, content: content, extend: extend, by: actor, now: now)
        issue.replyChannelUUIDs.append(contentsOf: mentioned.filter { !issue.replyChannelUUIDs.contains($0) })
        if behaviour.replyBumpsIssueUpdateAt { issue.updateAt = now }
        issues[issueUUID] = issue
        return reply
    }

    /// Edits a reply. Only its creator may (documented UI rule): anyone else gets 403 `ft.NoPermission`.
    mutating func modifyReply(
        _ uuid: String, issueUUID: String?, content: String?, extend: JSONValue?, by actor: SimulatedActor,
        now: Double
    ) throws(GuanceSimulatorError) -> SimulatedReply {
        var reply = try liveReply(uuid)
        if let issueUUID, issueUUID != reply.issueUUID { throw .invalid("reply \(uuid) is not on issue \(issueUUID)") }
        guard reply.type == "reply" else { throw .forbidden("system timeline entries cannot be edited") }
        guard reply.creator.uuid == actor.uuid else { throw .forbidden("only the reply's creator may edit it") }
        if let content {
            guard content.count <= 65_535 else { throw .invalid("content exceeds 65535 characters") }
            reply.content = content
        }
        if let extend {
            guard extend.objectValue != nil else { throw .invalid("extend must be an object") }
            reply.extend = extend
        }
        reply.updator = actor
        reply.updateAt = now
        replies[uuid] = reply
        return reply
    }

    /// Marks a reply deleted (`deleteAt` = now).
    mutating func deleteReply(_ uuid: String, by actor: SimulatedActor, now: Double) throws(GuanceSimulatorError) {
        var reply = try liveReply(uuid)
        if behaviour.replyDeleteRequiresCreator, reply.creator.uuid != actor.uuid {
            throw .forbidden("only the reply's creator may delete it")
        }
        reply.deleteAt = now
        replies[uuid] = reply
    }

    /// Writes a system timeline entry.
    mutating func appendChange(_ content: String, to issueUUID: String, by actor: SimulatedActor, now: Double) {
        let extend: JSONValue = .object([
            "channels": .array([]), "members": .array([]), "linkList": .array([]), "text": .string(content),
            "extra": .object([:]),
        ])
        storeReply(to: issueUUID, type: "change", content: content, extend: extend, by: actor, now: now)
    }

    @discardableResult
    private mutating func storeReply(
        to issueUUID: String, type: String, content: String, extend: JSONValue, by actor: SimulatedActor,
        now: Double
    ) -> SimulatedReply {
        let reply = SimulatedReply(
            uuid: Self.makeUUID(prefix: "repim_"), id: takeID(), issueUUID: issueUUID, type: type, content: content,
            extend: extend, creator: actor, updator: actor, createAt: now, updateAt: nil, deleteAt: nil
        )
        replies[reply.uuid] = reply
        replyUUIDsByIssue[issueUUID, default: []].append(reply.uuid)
        return reply
    }
}
