import Foundation

extension SimulatorEngine {
    /// Transitions valid from the issue's current status (all of them global or listing it in `from`).
    func availableTransitions(for issue: IssueRecord) -> [JiraSimulatorWorkflow.Transition] {
        guard let workflow = catalog.project(issue.projectKey)?.workflow else { return [] }
        return workflow.transitions.filter { transition in
            transition.from.isEmpty ? transition.to != issue.statusId : transition.from.contains(issue.statusId)
        }
    }

    func getTransitions(_ call: SimCall, state: SimulatorState) throws(SimResponseError) -> SimResponse {
        let issue = try pathIssue(call, state: state)
        let withFields = (call.request.queryList("expand") ?? []).contains("transitions.fields")
        var transitions = availableTransitions(for: issue)
        if let wanted = call.request.queryValue("transitionId") { transitions.removeAll { $0.id != wanted } }
        let rendered: [SimJSON] = transitions.map { transition in
            let target = catalog.status(transition.to, in: issue.projectKey)
            var json: [String: SimJSON] = [
                "id": .string(transition.id), "name": .string(transition.name),
                "hasScreen": .bool(transition.resolution == .requiredOnScreen),
                "isGlobal": .bool(transition.from.isEmpty), "isInitial": false, "isAvailable": true,
                "isConditional": false, "looped": false,
                "to": target.map { statusJSON($0, call: call) } ?? .null,
            ]
            if withFields {
                json["fields"] = transition.resolution == .requiredOnScreen ? ["resolution": resolutionField(call)] : [:]
            }
            return .object(json)
        }
        return .json(200, ["expand": "transitions", "transitions": .array(rendered)])
    }

    private func resolutionField(_ call: SimCall) -> SimJSON {
        [
            "required": true, "name": .string(call.messages.text("Resolution", "解决结果")), "key": "resolution",
            "fieldId": "resolution", "hasDefaultValue": false, "operations": ["set"],
            "schema": ["type": "resolution", "system": "resolution"],
            "allowedValues": .array(catalog.resolutions.map { namedJSON($0, path: "resolution", call: call) }),
        ]
    }

    func doTransition(_ call: SimCall, state: inout SimulatorState) throws(SimResponseError) -> SimResponse {
        var issue = try pathIssue(call, state: state)
        let body = try bodyObject(call)
        let messages = call.messages
        let requestedId = body["transition"]?["id"]?.stringValue ?? body["transition"]?["id"]?.intValue.map(String.init)
        guard let transition = availableTransitions(for: issue).first(where: { $0.id == requestedId }) else {
            throw SimResponseError(.error(400, [messages.invalidTransition]))
        }
        let fields = body["fields"]?.objectValue ?? [:]
        var errors: [String: String] = [:]
        for name in fields.keys where !(name == "resolution" && transition.resolution == .requiredOnScreen) {
            errors[name] = messages.fieldNotOnScreen(name)
        }
        let previousStatus = issue.statusId
        switch transition.resolution {
        case .requiredOnScreen:
            if let resolution = SiteCatalog.find(fields["resolution"], in: catalog.resolutions) {
                issue.resolutionId = resolution.id
            } else if errors["resolution"] == nil {
                errors["resolution"] = messages.resolutionRequired
            }
        case .setByPostFunction(let id):
            issue.resolutionId = id
        case .cleared:
            issue.resolutionId = nil
        case .untouched:
            break
        }
        guard errors.isEmpty else { throw SimResponseError(.error(400, fieldErrors: errors)) }
        if catalog.status(previousStatus, in: issue.projectKey)?.category
            != catalog.status(transition.to, in: issue.projectKey)?.category
        {
            issue.statusCategoryChanged = state.now
        }
        issue.statusId = transition.to
        state.transitions.append(TransitionRecord(
            issueId: issue.id, authorIndex: call.userIndex, from: previousStatus, to: transition.to, at: state.now))
        issue.resolutionDate = issue.resolutionId == nil ? nil : (issue.resolutionDate ?? state.now)
        issue.updated = state.now
        state.save(issue)
        for operation in body["update"]?["comment"]?.arrayValue ?? [] {
            if let text = operation["add"]?["body"], let validated = try? validatedBody(text, call: call) {
                let comment = insertComment(
                    issueId: issue.id, authorIndex: call.userIndex, body: validated, properties: [:], visibility: nil,
                    state: &state)
                emitCommentEvent("comment_created", comment: comment, call: call, state: &state)
            }
        }
        let changelog: SimJSON = [
            "id": .string(String(state.nextWebhookEventId)),
            "items": [[
                "field": "status", "fieldtype": "jira", "fieldId": "status",
                "from": .string(previousStatus), "to": .string(transition.to),
                "fromString": .optional(catalog.status(previousStatus, in: issue.projectKey)?.name.english),
                "toString": .optional(catalog.status(transition.to, in: issue.projectKey)?.name.english),
            ]],
        ]
        emitIssueEvent(
            "jira:issue_updated", eventType: "issue_generic", issue: issue, call: call, changelog: changelog,
            state: &state)
        return .noContent
    }
}
