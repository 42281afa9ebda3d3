import Foundation

/// The site-wide lists clients read to pick a project or an issue type: `GET /project` and
/// `GET /issuetype` (Cloud v2 and v3, Data Center v2), shaped as the Cloud OpenAPI spec's `Project`
/// and `IssueTypeDetails` and as Data Center 9 answers.
extension SimulatorEngine {
    /// `GET /project`: every project, as an array (the deprecated, unpaginated list the pycontribs
    /// client's `projects()` reads). `expand=issueTypes` (or `description`) adds those fields.
    func projects(_ call: SimCall) -> SimResponse {
        let expand = Set((call.request.queryValue("expand") ?? "").split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces)
        })
        return .json(200, .array(catalog.projects.map { projectSummaryJSON($0, expand: expand, call: call) }))
    }

    /// `GET /issuetype`: every issue type of every project, once each.
    func issueTypes(_ call: SimCall) -> SimResponse {
        var seen = Set<String>()
        let types = catalog.projects.flatMap(\.issueTypes).filter { seen.insert($0.id).inserted }
        return .json(200, .array(types.map { issueTypeDetailsJSON($0, call: call) }))
    }

    private func projectSummaryJSON(_ project: JiraSimulatorProject, expand: Set<String>, call: SimCall) -> SimJSON {
        let avatar = "\(baseURL(call))/secure/projectavatar?pid=\(project.id)&size="
        var json: [String: SimJSON] = [
            "expand": "description,lead,issueTypes,url,projectKeys,permissions,insight",
            "self": .string(apiURL(call, "project/\(project.id)")),
            "id": .string(project.id), "key": .string(project.key), "name": .string(project.name),
            "avatarUrls": [
                "48x48": .string(avatar + "large"), "24x24": .string(avatar + "small"),
                "16x16": .string(avatar + "xsmall"), "32x32": .string(avatar + "medium"),
            ],
            "projectTypeKey": "software",
        ]
        if isCloud {
            json["simplified"] = false
            json["style"] = "classic"
            json["isPrivate"] = false
            json["properties"] = .object([:])
        } else {
            json["archived"] = false
        }
        if expand.contains("issueTypes") {
            json["issueTypes"] = .array(project.issueTypes.map { issueTypeDetailsJSON($0, call: call) })
        }
        if expand.contains("description") { json["description"] = "" }
        return .object(json)
    }

    private func issueTypeDetailsJSON(_ type: JiraSimulatorNamedItem, call: SimCall) -> SimJSON {
        let avatarID = type.id == "10004" ? 10303 : 10318
        var json: [String: SimJSON] = [
            "self": .string(apiURL(call, "issuetype/\(type.id)")), "id": .string(type.id), "description": "",
            "iconUrl": .string("\(baseURL(call))/secure/viewavatar?size=xsmall&avatarId=\(avatarID)&avatarType=issuetype"),
            "name": .string(type.name.localized(chinese: call.chinese)), "subtask": false, "avatarId": .int(avatarID),
        ]
        if isCloud { json["hierarchyLevel"] = 0 }
        return .object(json)
    }
}
