import Foundation

extension SimulatorEngine {
    func listComments(_ call: SimCall, state: SimulatorState) throws(SimResponseError) -> SimResponse {
        let issue = try pathIssue(call, state: state)
        let defaultSize = isCloud ? 100 : 50
        let page = paging(call, defaultSize: defaultSize, limit: isCloud ? 5000 : 1000)
        var comments = state.comments(of: issue.id)
        if call.request.queryValue("orderBy")?.hasPrefix("-") == true { comments.reverse() }
        let expand = Set(call.request.queryList("expand") ?? [])
        let slice = comments.dropFirst(page.startAt).prefix(page.maxResults)
        return .json(
            200,
            [
                "startAt": .int(page.startAt),
                "maxResults": .int(page.maxResults),
                "total": .int(comments.count),
                "comments": .array(slice.map { commentJSON($0, expand: expand, call: call) }),
            ])
    }

    func addComment(_ call: SimCall, state: inout SimulatorState) throws(SimResponseError) -> SimResponse {
        let issue = try pathIssue(call, state: state)
        let body = try bodyObject(call)
        let text = try validatedBody(body["body"], call: call)
        var properties: [String: SimJSON] = [:]
        for property in body["properties"]?.arrayValue ?? [] {
            if let key = property["key"]?.stringValue, let value = property["value"] { properties[key] = value }
        }
        let comment = insertComment(
            issueId: issue.id, authorIndex: call.userIndex, body: text, properties: properties,
            visibility: body["visibility"], state: &state)
        emitCommentEvent("comment_created", comment: comment, call: call, state: &state)
        return .json(201, commentJSON(comment, expand: ["properties"], call: call))
    }

    /// Stores a comment and bumps the issue's `updated`.
    func insertComment(
        issueId: Int, authorIndex: Int, body: SimJSON, properties: [String: SimJSON], visibility: SimJSON?,
        state: inout SimulatorState
    ) -> CommentRecord {
        let comment = CommentRecord(
            id: state.nextCommentId, issueId: issueId, authorIndex: authorIndex, updateAuthorIndex: authorIndex,
            body: body, created: state.now, updated: state.now, properties: properties, visibility: visibility)
        state.nextCommentId += 1
        state.comments[comment.id] = comment
        touch(issueId, state: &state)
        return comment
    }

    /// v3: a non-empty ADF document; v2: a non-empty string.
    func validatedBody(_ value: SimJSON?, call: SimCall) throws(SimResponseError) -> SimJSON {
        let messages = call.messages
        switch (value, call.version) {
        case (.string(let text)?, 2) where !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty:
            return .string(text)
        case (.some(let document), 3) where RichTextBodies.adfProblem(document) == nil:
            return document
        case (.object?, 2):
            return .string(String(decoding: value?.serialized() ?? Data(), as: UTF8.self))
        case (_, 3):
            throw SimResponseError(.error(400, fieldErrors: ["comment": messages.descriptionMustBeADF]))
        default:
            throw SimResponseError(.error(400, fieldErrors: ["comment": messages.text("Comment body can not be empty!", "评论内容不能为空！")]))
        }
    }

    private func pathComment(_ call: SimCall, state: SimulatorState) throws(SimResponseError) -> CommentRecord {
        let issue = call.parameters["issue"].flatMap(state.issue)
        guard let id = Int(call.parameter("commentId")), let comment = state.comments[id],
            issue == nil || issue?.id == comment.issueId
        else {
            throw SimResponseError(.error(404, [call.messages.commentNotFound]))
        }
        return comment
    }

    /// The path's comment if the caller is its author or an admin (Jira: 400 on edit, 403 on delete otherwise).
    private func editableComment(_ call: SimCall, state: SimulatorState, deniedStatus: Int) throws(SimResponseError) -> CommentRecord {
        _ = try pathIssue(call, state: state)
        let comment = try pathComment(call, state: state)
        guard comment.authorIndex == call.userIndex || call.user.isAdmin else {
            throw SimResponseError(.error(deniedStatus, [call.messages.commentEditForbidden]))
        }
        return comment
    }

    func getComment(_ call: SimCall, state: SimulatorState) throws(SimResponseError) -> SimResponse {
        _ = try pathIssue(call, state: state)
        let comment = try pathComment(call, state: state)
        return .json(200, commentJSON(comment, expand: Set(call.request.queryList("expand") ?? []), call: call))
    }

    func updateComment(_ call: SimCall, state: inout SimulatorState) throws(SimResponseError) -> SimResponse {
        var comment = try editableComment(call, state: state, deniedStatus: 400)
        let body = try bodyObject(call)
        comment.body = try validatedBody(body["body"], call: call)
        if let visibility = body["visibility"] { comment.visibility = visibility.isNull ? nil : visibility }
        comment.updated = state.now
        comment.updateAuthorIndex = call.userIndex
        state.comments[comment.id] = comment
        touch(comment.issueId, state: &state)
        emitCommentEvent("comment_updated", comment: comment, call: call, state: &state)
        return .json(200, commentJSON(comment, expand: Set(call.request.queryList("expand") ?? []), call: call))
    }

    func deleteComment(_ call: SimCall, state: inout SimulatorState) throws(SimResponseError) -> SimResponse {
        let comment = try editableComment(call, state: state, deniedStatus: 403)
        state.comments[comment.id] = nil
        touch(comment.issueId, state: &state)
        emitCommentEvent("comment_deleted", comment: comment, call: call, state: &state)
        return .noContent
    }

    /// Cloud `POST /comment/list` `{"ids":[…]}` (≤ 1000 ids).
    func commentsByIds(_ call: SimCall, state: SimulatorState) throws(SimResponseError) -> SimResponse {
        let body = try bodyObject(call)
        let ids = (body["ids"]?.arrayValue ?? []).compactMap(\.intValue)
        guard !ids.isEmpty, ids.count <= 1000 else {
            throw SimResponseError(.error(400, [call.messages.invalidValue("ids")]))
        }
        let expand = Set(call.request.queryList("expand") ?? [])
        let found = ids.compactMap { state.comments[$0] }
        return .json(
            200,
            [
                "isLast": true, "startAt": 0, "maxResults": 1000, "total": .int(found.count),
                "values": .array(found.map { commentJSON($0, expand: expand, call: call) }),
            ])
    }
}
