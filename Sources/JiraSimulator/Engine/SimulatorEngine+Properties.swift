import Foundation

extension SimulatorEngine {
    /// GET keys, GET one, PUT one (201 new / 200 replaced) on issue entity properties.
    func issueProperty(_ call: SimCall, state: inout SimulatorState) throws(SimResponseError) -> SimResponse {
        var issue = try pathIssue(call, state: state)
        let selfPath = "issue/\(issue.id)/properties"
        let response = try propertyOperation(call, properties: &issue.properties, selfPath: selfPath)
        if call.endpoint == .putIssueProperty {
            state.issues[issue.id] = issue
            state.recordVersion(id: issue.id, issue)
        }
        return response
    }

    /// The same operations on comment properties.
    func commentProperty(_ call: SimCall, state: inout SimulatorState) throws(SimResponseError) -> SimResponse {
        guard let id = Int(call.parameter("commentId")), var comment = state.comments[id] else {
            throw SimResponseError(.error(404, [call.messages.commentNotFound]))
        }
        let response = try propertyOperation(call, properties: &comment.properties, selfPath: "comment/\(id)/properties")
        state.comments[id] = comment
        return response
    }

    private func propertyOperation(
        _ call: SimCall, properties: inout [String: SimJSON], selfPath: String
    ) throws(SimResponseError) -> SimResponse {
        let key = call.parameter("propertyKey")
        switch call.endpoint {
        case .issuePropertyKeys, .commentPropertyKeys:
            let keys: [SimJSON] = properties.keys.sorted().map {
                ["key": .string($0), "self": .string(apiURL(call, "\(selfPath)/\($0)"))]
            }
            return .json(200, ["keys": .array(keys)])
        case .putIssueProperty, .putCommentProperty:
            guard let value = call.request.json, !key.isEmpty, key.count <= 255, call.request.body.count <= 32_768 else {
                throw SimResponseError(.error(400, [call.messages.invalidJSON]))
            }
            let existed = properties[key] != nil
            properties[key] = value
            return SimResponse(status: existed ? 200 : 201)
        default:
            guard let value = properties[key] else {
                throw SimResponseError(.error(404, [call.messages.propertyNotFound]))
            }
            return .json(200, ["key": .string(key), "value": value])
        }
    }

    /// Upsert by `globalId`: 201 when new, 200 when replaced (omitted fields become null).
    func upsertRemoteLink(_ call: SimCall, state: inout SimulatorState) throws(SimResponseError) -> SimResponse {
        let issue = try pathIssue(call, state: state)
        let body = try bodyObject(call)
        guard let object = body["object"], object["url"]?.stringValue != nil, object["title"]?.stringValue != nil else {
            throw SimResponseError(.error(400, fieldErrors: ["object": call.messages.remoteLinkObjectRequired]))
        }
        let globalId = body["globalId"]?.stringValue
        let existing = globalId.flatMap { id in
            state.remoteLinks.values.first { $0.issueId == issue.id && $0.globalId == id }
        }
        let linkId = existing?.id ?? state.nextRemoteLinkId
        if existing == nil { state.nextRemoteLinkId += 1 }
        state.remoteLinks[linkId] = RemoteLinkRecord(
            id: linkId, issueId: issue.id, globalId: globalId, application: body["application"] ?? .null,
            relationship: body["relationship"] ?? .null, object: object)
        return .json(
            existing == nil ? 201 : 200,
            ["id": .int(linkId), "self": .string(apiURL(call, "issue/\(issue.key)/remotelink/\(linkId)"))])
    }

    /// All links of the issue, or the one with `?globalId=` (404 when absent).
    func getRemoteLinks(_ call: SimCall, state: SimulatorState) throws(SimResponseError) -> SimResponse {
        let issue = try pathIssue(call, state: state)
        let links = state.remoteLinks.values.filter { $0.issueId == issue.id }.sorted { $0.id < $1.id }
        let render: (RemoteLinkRecord) -> SimJSON = { link in
            [
                "id": .int(link.id), "self": .string(self.apiURL(call, "issue/\(issue.key)/remotelink/\(link.id)")),
                "globalId": .optional(link.globalId), "application": link.application,
                "relationship": link.relationship, "object": link.object,
            ]
        }
        if let globalId = call.request.queryValue("globalId") {
            guard let link = links.first(where: { $0.globalId == globalId }) else {
                throw SimResponseError(.error(404, [call.messages.notFound]))
            }
            return .json(200, render(link))
        }
        return .json(200, .array(links.map(render)))
    }

    /// `DELETE …/remotelink?globalId=`: 204, or 404 when no link has that id.
    func deleteRemoteLink(_ call: SimCall, state: inout SimulatorState) throws(SimResponseError) -> SimResponse {
        let issue = try pathIssue(call, state: state)
        let globalId = call.request.queryValue("globalId")
        guard let globalId,
            let link = state.remoteLinks.values.first(where: { $0.issueId == issue.id && $0.globalId == globalId })
        else {
            throw SimResponseError(.error(404, [call.messages.notFound]))
        }
        state.remoteLinks[link.id] = nil
        return .noContent
    }
}
