import RichText

/// JSON renderings of stored objects, shaped by the current ``GuanceSimulatorBehaviour``.
extension SimulatorState {
    /// A timestamp in epoch seconds: an integer, or (``GuanceSimulatorBehaviour/fractionalTimestamps``) a float
    /// whose integer part is the stored second, like the documented `1686397319.9216194`.
    func timestamp(_ seconds: Double) -> JSONValue {
        let whole = seconds.rounded(.down)
        return behaviour.fractionalTimestamps ? .double(whole + 0.9216194) : .int(Int64(whole))
    }

    /// `updateAt` of a record, or the never-updated rendering.
    func updateTimestamp(_ updateAt: Double?, createAt: Double) -> JSONValue {
        if let updateAt { return timestamp(updateAt) }
        switch behaviour.neverUpdatedRendering {
        case .createAt: return timestamp(createAt)
        case .minusOne: return .int(-1)
        case .null: return .null
        }
    }

    func deleteTimestamp(_ deleteAt: Double?) -> JSONValue {
        deleteAt.map(timestamp) ?? .int(-1)
    }

    /// `creatorInfo` / `updatorInfo`: for an API key, email = username = the `wsak_` uuid.
    func actorInfo(_ actor: SimulatedActor) -> JSONValue {
        var info: [String: JSONValue] = [
            "acntWsNickname": .string(actor.kind == .account ? actor.name : ""),
            "email": .string(actor.email),
            "iconUrl": .string(""),
            "name": .string(actor.name),
            "username": .string(actor.username),
        ]
        if actor.kind == .account { info["uuid"] = .string(actor.uuid) }
        return .object(info)
    }

    func renderLevel(_ uuid: String) -> JSONValue {
        if behaviour.levelFormat == .legacyInteger, uuid.hasPrefix("system_level_"),
            let number = Int64(uuid.dropFirst("system_level_".count))
        {
            return .int(number)
        }
        return .string(uuid)
    }

    /// The issue object; `detailed` adds the fields only `get` returns.
    func render(_ issue: SimulatedIssue, detailed: Bool = false) -> JSONValue {
        var object: [String: JSONValue] = [
            "uuid": .string(issue.uuid), "id": .int(Int64(issue.id)), "name": .string(issue.name),
            "description": .string(issue.description), "level": renderLevel(issue.level),
            "statusType": .int(Int64(issue.statusType)), "status": .int(0),
            "resourceType": .string(issue.resourceType), "resource": .string(issue.resource),
            "resourceUUID": .string(issue.resourceUUID), "subIdentify": .string(""), "extend": issue.extend,
            "creator": .string(issue.creator.uuid), "updator": .string(issue.updator.uuid),
            "creatorInfo": actorInfo(issue.creator), "updatorInfo": actorInfo(issue.updator),
            "createAt": timestamp(issue.createAt),
            "updateAt": updateTimestamp(issue.updateAt, createAt: issue.createAt),
            "deleteAt": deleteTimestamp(issue.deleteAt), "workspaceUUID": .string(workspaceUUID),
        ]
        guard detailed else { return .object(object) }
        let levelRecord = self.level(issue.level)
        object["attachments"] = .array([])
        object["bindChannels"] = .array(
            ([channels[0]] + issue.allChannelUUIDs.compactMap(liveChannel)).map {
                .object(["name": .string($0.name), "uuid": .string($0.uuid)])
            }
        )
        object["levelInfo"] = .object([
            "color": .string(levelRecord?.color ?? "#C9C9C9"), "name": .string(levelRecord?.displayName ?? "未知"),
        ])
        object["managerInfos"] = .array(issue.managers.map(managerInfo))
        object["declaration"] = .object(["business": .string(""), "organization": .string("")])
        return .object(object)
    }

    /// One `managerInfos` entry: an account object, a `{name, uuid}` team, or `{email, name}` for an email.
    private func managerInfo(_ manager: String) -> JSONValue {
        if let member = (members + disabledMembers).first(where: { $0.uuid == manager }) { return actorInfo(member) }
        if manager.hasPrefix("group_") { return .object(["name": .string(manager), "uuid": .string(manager)]) }
        return .object(["email": .string(manager), "name": .string(manager)])
    }

    /// The reply object. `listShape` adds the list-only fields; `created` renders `id: null`.
    func render(_ reply: SimulatedReply, listShape: Bool, created: Bool = false) -> JSONValue {
        var object: [String: JSONValue] = [
            "uuid": .string(reply.uuid), "id": created ? .null : .int(Int64(reply.id)),
            "issueUUID": .string(reply.issueUUID), "type": .string(reply.type), "content": .string(reply.content),
            "extend": reply.extend, "creator": .string(reply.creator.uuid), "updator": .string(reply.updator.uuid),
            "createAt": timestamp(reply.createAt),
            "updateAt": updateTimestamp(reply.updateAt, createAt: reply.createAt), "status": .int(0),
            "deleteAt": deleteTimestamp(reply.deleteAt), "workspaceUUID": .string(workspaceUUID),
        ]
        if listShape {
            object["creatorInfo"] = actorInfo(reply.creator)
            object["updatorInfo"] = actorInfo(reply.updator)
            object["attachmentsList"] = .array([])
            object["latest_modify_time"] = timestamp(reply.updateAt ?? reply.createAt)
            object["is_modify"] = .bool(reply.isModified)
        }
        return .object(object)
    }

    func render(_ channel: SimulatedChannel) -> JSONValue {
        .object([
            "uuid": .string(channel.uuid), "id": .int(Int64(channel.id)), "name": .string(channel.name),
            "description": .string(""), "notifyTarget": .array([]), "status": .int(0),
            "subscribeType": .string(""), "createAt": timestamp(channel.createAt),
            "updateAt": timestamp(channel.createAt), "deleteAt": deleteTimestamp(channel.deleteAt),
            "creator": .string(members.first?.uuid ?? ""), "updator": .string(members.first?.uuid ?? ""),
            "workspaceUUID": .string(workspaceUUID),
        ])
    }

    func render(_ level: SimulatedLevel) -> JSONValue {
        var object: [String: JSONValue] = [
            "uuid": .string(level.uuid), "name": .string(level.name), "color": .string(level.color),
            "description": .string(""), "isDefault": .bool(level.isDefault),
        ]
        if let id = level.id { object["id"] = .int(Int64(id)) }
        if let createAt = level.createAt {
            object["createAt"] = timestamp(createAt)
            object["workspaceUUID"] = .string(workspaceUUID)
        }
        return .object(object)
    }

    /// `{count, pageIndex, pageSize, totalCount}`.
    func pageInfo<Item>(_ page: ResultPage<Item>) -> JSONValue {
        .object([
            "count": .int(Int64(page.items.count)), "pageIndex": .int(Int64(page.pageIndex)),
            "pageSize": .int(Int64(page.pageSize)), "totalCount": .int(Int64(page.totalCount)),
        ])
    }
}
