import Foundation

extension SimulatorEngine {
    func baseURL(_ call: SimCall) -> String {
        "http://\(call.request.headers["host"] ?? "\(options.host):\(options.port)")"
    }

    func apiURL(_ call: SimCall, _ path: String) -> String {
        "\(baseURL(call))/rest/api/\(call.version)/\(path)"
    }

    /// A user as Cloud (accountId) or DC (name/key) shows it; on Cloud without the e-mail address
    /// when profiles hide it (except to the user themself).
    func userJSON(_ index: Int, call: SimCall) -> SimJSON {
        let user = options.users[index]
        var json: [String: SimJSON] = [
            "displayName": .string(user.displayName),
            "active": .bool(user.active),
            "timeZone": .string(user.timeZone),
            "locale": .string(user.locale),
        ]
        if emailVisible(of: index, to: call) { json["emailAddress"] = .string(user.emailAddress) }
        if isCloud {
            json["accountId"] = .string(user.accountId)
            json["accountType"] = "atlassian"
            json["self"] = .string(apiURL(call, "user?accountId=\(user.accountId)"))
        } else {
            json["name"] = .string(user.name)
            json["key"] = .string(user.key)
            json["self"] = .string(apiURL(call, "user?username=\(user.name)"))
        }
        return .object(json)
    }

    func statusJSON(_ status: JiraSimulatorWorkflow.Status, call: SimCall) -> SimJSON {
        [
            "id": .string(status.id),
            "name": .string(status.name.localized(chinese: call.chinese)),
            "self": .string(apiURL(call, "status/\(status.id)")),
            "statusCategory": categoryJSON(status.category, call: call),
        ]
    }

    func categoryJSON(_ category: JiraSimulatorStatusCategory, call: SimCall) -> SimJSON {
        [
            "id": .int(category.id),
            "key": .string(category.rawValue),
            "colorName": .string(category.colorName),
            "name": .string(category.name.localized(chinese: call.chinese)),
            "self": .string(apiURL(call, "statuscategory/\(category.id)")),
        ]
    }

    func namedJSON(_ item: JiraSimulatorNamedItem?, path: String, call: SimCall) -> SimJSON {
        guard let item else { return .null }
        return [
            "id": .string(item.id),
            "name": .string(item.name.localized(chinese: call.chinese)),
            "self": .string(apiURL(call, "\(path)/\(item.id)")),
        ]
    }

    func timestamp(_ date: Date) -> SimJSON {
        .string(JiraTimestamp.format(date, timeZone: options.serverTimeZone))
    }

    /// The issue as GET issue and search return it.
    func issueJSON(
        _ issue: IssueRecord, fields selection: FieldSelection, properties: [String], renderedFields: Bool,
        comments: [CommentRecord], call: SimCall
    ) -> SimJSON {
        var json: [String: SimJSON] = ["id": .string(String(issue.id))]
        if !properties.isEmpty {
            json["properties"] = .object(issue.properties.filter { properties.contains($0.key) })
        }
        if selection.isIdentifiersOnly {
            if selection.included.contains("key") { json["key"] = .string(issue.key) }
            return .object(json)
        }
        json["key"] = .string(issue.key)
        json["self"] = .string(apiURL(call, "issue/\(issue.id)"))
        let all = allFields(issue, comments: comments, call: call)
        json["fields"] = .object(all.filter { selection.contains($0.key) })
        if renderedFields {
            json["renderedFields"] = [
                "description": .string(RichTextBodies.html(issue.description)),
                "created": .string(JiraTimestamp.rendered(issue.created, timeZone: call.user.timeZone)),
                "updated": .string(JiraTimestamp.rendered(issue.updated, timeZone: call.user.timeZone)),
            ]
        }
        return .object(json)
    }

    /// `changelog` as `expand=changelog` embeds it: the status changes only (the one field the sim
    /// records histories for), oldest first, cut to the last 20 like Jira's embedded changelog.
    func changelogJSON(_ changes: [TransitionRecord], issue: IssueRecord, call: SimCall) -> SimJSON {
        let shown = changes.suffix(20)
        func name(_ id: String) -> SimJSON {
            catalog.status(id, in: issue.projectKey).map { .string($0.name.localized(chinese: call.chinese)) } ?? .null
        }
        let histories: [SimJSON] = shown.enumerated().map { offset, change in
            [
                "id": .string(String(10_000 + changes.count - shown.count + offset)),
                "author": userJSON(change.authorIndex, call: call),
                "created": timestamp(change.at),
                "items": [[
                    "field": "status", "fieldtype": "jira", "fieldId": "status", "from": .string(change.from),
                    "fromString": name(change.from), "to": .string(change.to), "toString": name(change.to),
                ]],
            ]
        }
        return [
            "startAt": .int(changes.count - shown.count), "maxResults": .int(shown.count), "total": .int(changes.count),
            "histories": .array(histories),
        ]
    }

    private func allFields(_ issue: IssueRecord, comments: [CommentRecord], call: SimCall) -> [String: SimJSON] {
        let project = catalog.project(issue.projectKey)
        let status = catalog.status(issue.statusId, in: issue.projectKey)
        let issueType = project?.issueTypes.first { $0.id == issue.issueTypeId }
        return [
            "summary": .string(issue.summary),
            "description": RichTextBodies.render(issue.description, version: call.version),
            "project": project.map { ["id": .string($0.id), "key": .string($0.key), "name": .string($0.name)] } ?? .null,
            "issuetype": issueType.map {
                ["id": .string($0.id), "name": .string($0.name.localized(chinese: call.chinese)), "subtask": false]
            } ?? .null,
            "priority": namedJSON(catalog.priority(issue.priorityId), path: "priority", call: call),
            "labels": .array(issue.labels.map(SimJSON.string)),
            "status": status.map { statusJSON($0, call: call) } ?? .null,
            "resolution": namedJSON(catalog.resolution(issue.resolutionId), path: "resolution", call: call),
            "resolutiondate": issue.resolutionDate.map(timestamp) ?? .null,
            "created": timestamp(issue.created),
            "updated": timestamp(issue.updated),
            "statuscategorychangedate": options.statusCategoryChangeDate
                ? timestamp(issue.statusCategoryChanged ?? issue.created) : .null,
            "reporter": userJSON(issue.reporterIndex, call: call),
            "creator": userJSON(issue.creatorIndex, call: call),
            "assignee": issue.assigneeIndex.map { userJSON($0, call: call) } ?? .null,
            "comment": [
                "comments": .array(comments.suffix(20).map { commentJSON($0, expand: [], call: call) }),
                "maxResults": .int(min(comments.count, 20)),
                "total": .int(comments.count),
                "startAt": .int(max(0, comments.count - 20)),
            ],
        ]
    }

    func commentJSON(_ comment: CommentRecord, expand: Set<String>, call: SimCall) -> SimJSON {
        var json: [String: SimJSON] = [
            "id": .string(String(comment.id)),
            "self": .string(apiURL(call, "issue/\(comment.issueId)/comment/\(comment.id)")),
            "author": userJSON(comment.authorIndex, call: call),
            "updateAuthor": userJSON(comment.updateAuthorIndex, call: call),
            "body": RichTextBodies.render(comment.body, version: call.version),
            "created": timestamp(comment.created),
            "updated": timestamp(comment.updated),
        ]
        if isCloud { json["jsdPublic"] = true }
        if let visibility = comment.visibility { json["visibility"] = visibility }
        if expand.contains("renderedBody") { json["renderedBody"] = .string(RichTextBodies.html(comment.body)) }
        if expand.contains("properties") {
            json["properties"] = .array(
                comment.properties.sorted { $0.key < $1.key }.map { ["key": .string($0.key), "value": $0.value] })
        }
        return .object(json)
    }
}
