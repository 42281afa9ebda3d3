import Foundation

extension SimulatorEngine {
    private func metaPage(_ call: SimCall, items: [SimJSON], cloudKey: String) throws(SimResponseError) -> SimResponse {
        let requested = call.request.queryValue("maxResults").flatMap(Int.init) ?? 50
        guard requested <= 200 else { throw SimResponseError(.error(400, [call.messages.maxResultsTooLarge(200)])) }
        let page = paging(call, defaultSize: 50, limit: 200)
        let slice = Array(items.dropFirst(page.startAt).prefix(page.maxResults))
        var json: [String: SimJSON] = [
            "startAt": .int(page.startAt), "maxResults": .int(page.maxResults), "total": .int(items.count),
        ]
        if isCloud {
            json[cloudKey] = .array(slice)
        } else {
            json["values"] = .array(slice)
            json["isLast"] = .bool(page.startAt + slice.count >= items.count)
        }
        return .json(200, .object(json))
    }

    private func metaProject(_ call: SimCall) throws(SimResponseError) -> JiraSimulatorProject {
        guard let project = catalog.project(call.parameter("project")) else {
            throw SimResponseError(.error(404, [call.messages.projectNotFound]))
        }
        return project
    }

    private func issueTypeJSON(_ type: JiraSimulatorNamedItem, call: SimCall) -> SimJSON {
        [
            "id": .string(type.id), "name": .string(type.name.localized(chinese: call.chinese)), "subtask": false,
            "self": .string(apiURL(call, "issuetype/\(type.id)")), "description": "",
        ]
    }

    /// Cloud `{issueTypes:[…]}` vs DC `{values:[…], isLast}`; maxResults > 200 → 400.
    func createMetaIssueTypes(_ call: SimCall) throws(SimResponseError) -> SimResponse {
        let project = try metaProject(call)
        return try metaPage(call, items: project.issueTypes.map { issueTypeJSON($0, call: call) }, cloudKey: "issueTypes")
    }

    /// The create-screen fields of one issue type (priority with `allowedValues`).
    func createMetaFields(_ call: SimCall) throws(SimResponseError) -> SimResponse {
        let project = try metaProject(call)
        guard let type = project.issueTypes.first(where: { $0.id == call.parameter("issueTypeId") }) else {
            throw SimResponseError(.error(404, [call.messages.issueTypeNotFound]))
        }
        let field: (String, String, String, Bool, [String], SimJSON?) -> SimJSON = { id, english, schemaType, required, operations, allowed in
            var json: [String: SimJSON] = [
                "fieldId": .string(id), "key": .string(id), "name": .string(english), "required": .bool(required),
                "hasDefaultValue": .bool(id == "priority"), "operations": .array(operations.map(SimJSON.string)),
                "schema": ["type": .string(schemaType), "system": .string(id)],
            ]
            if let allowed { json["allowedValues"] = allowed }
            return .object(json)
        }
        let fields: [SimJSON] = [
            field("summary", "Summary", "string", true, ["set"], nil),
            field("issuetype", "Issue Type", "issuetype", true, [], [issueTypeJSON(type, call: call)]),
            field("project", "Project", "project", true, ["set"], nil),
            field("description", "Description", "string", false, ["set"], nil),
            field("priority", call.messages.text("Priority", "优先级"), "priority", false, ["set"],
                  .array(catalog.priorities.map { namedJSON($0, path: "priority", call: call) })),
            field("labels", "Labels", "array", false, ["add", "set", "remove"], nil),
        ]
        return try metaPage(call, items: fields, cloudKey: "fields")
    }

    func resolutions(_ call: SimCall) -> SimResponse {
        let items = catalog.resolutions.map { namedJSON($0, path: "resolution", call: call) }
        if call.endpoint == .resolutionSearch {
            return .json(
                200,
                ["values": .array(items), "startAt": 0, "maxResults": .int(items.count), "total": .int(items.count), "isLast": true])
        }
        return .json(200, .array(items))
    }

    func priorities(_ call: SimCall) -> SimResponse {
        .json(200, .array(catalog.priorities.map { namedJSON($0, path: "priority", call: call) }))
    }

    func statusCategories(_ call: SimCall) -> SimResponse {
        .json(200, .array(JiraSimulatorStatusCategory.allCases.map { categoryJSON($0, call: call) }))
    }

    func project(_ call: SimCall) throws(SimResponseError) -> SimResponse {
        let project = try metaProject(call)
        return .json(
            200,
            [
                "id": .string(project.id), "key": .string(project.key), "name": .string(project.name),
                "self": .string(apiURL(call, "project/\(project.id)")),
                "issueTypes": .array(project.issueTypes.map { issueTypeJSON($0, call: call) }),
            ])
    }

    /// `GET /field`: the system fields with their JQL clause names.
    func fieldList(_ call: SimCall) -> SimResponse {
        let fields: [(String, String, [String])] = [
            ("summary", "Summary", ["summary"]), ("description", "Description", ["description"]),
            ("project", "Project", ["project"]), ("issuetype", "Issue Type", ["issuetype", "type"]),
            ("priority", "Priority", ["priority"]), ("labels", "Labels", ["labels"]), ("status", "Status", ["status"]),
            ("resolution", "Resolution", ["resolution"]), ("resolutiondate", "Resolved", ["resolved", "resolutiondate"]),
            ("created", "Created", ["created", "createdDate"]), ("updated", "Updated", ["updated", "updatedDate"]),
            ("reporter", "Reporter", ["reporter"]), ("assignee", "Assignee", ["assignee"]),
            ("comment", "Comment", ["comment"]), ("issuekey", "Key", ["issue", "issuekey", "key", "id"]),
        ]
        return .json(
            200,
            .array(fields.map { id, name, clauses in
                [
                    "id": .string(id), "key": .string(id), "name": .string(name), "custom": false, "orderable": true,
                    "navigable": true, "searchable": true, "clauseNames": .array(clauses.map(SimJSON.string)),
                ]
            }))
    }
}
