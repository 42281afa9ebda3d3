import Foundation

extension SimulatorEngine {
    /// Fields settable on the create screen. `reporter` is settable by every simulated user, as if
    /// all held the Modify Reporter permission (Cloud: `{"accountId"}`, Data Center: `{"name"}`);
    /// `creator` is never settable: it is always the caller.
    static let screenFields: Set<String> = [
        "project", "issuetype", "summary", "description", "priority", "labels", "reporter", "assignee",
    ]

    func createIssue(_ call: SimCall, state: inout SimulatorState) throws(SimResponseError) -> SimResponse {
        let body = try bodyObject(call)
        let fields = body["fields"]?.objectValue ?? [:]
        let messages = call.messages
        var errors: [String: String] = [:]
        for name in fields.keys where !Self.screenFields.contains(name) {
            errors[name] = messages.fieldNotOnScreen(name)
        }
        let project = fields["project"].flatMap { reference in
            (reference["key"]?.stringValue ?? reference["id"]?.stringValue ?? reference["id"]?.intValue.map(String.init))
                .flatMap(catalog.project)
        }
        if project == nil { errors["project"] = messages.invalidValue("project") }
        let issueType = project.flatMap { SiteCatalog.find(fields["issuetype"], in: $0.issueTypes) }
        if project != nil, issueType == nil { errors["issuetype"] = messages.issueTypeNotFound }
        let summary = fields["summary"]?.stringValue ?? ""
        if summary.trimmingCharacters(in: .whitespaces).isEmpty { errors["summary"] = messages.fieldRequired("summary") }
        var priorityId: String?
        if let priority = fields["priority"], !priority.isNull {
            priorityId = SiteCatalog.find(priority, in: catalog.priorities)?.id
            if priorityId == nil { errors["priority"] = messages.invalidValue("priority") }
        }
        let description = validatedDescription(fields["description"], call: call, errors: &errors)
        let labels = validatedLabels(fields["labels"], messages: messages, errors: &errors)
        var reporterIndex = call.userIndex
        if let reporter = fields["reporter"], !reporter.isNull {
            let reference = isCloud ? reporter["accountId"]?.stringValue : (reporter["name"]?.stringValue ?? reporter["key"]?.stringValue)
            if let index = reference.flatMap(userIndex) { reporterIndex = index } else { errors["reporter"] = messages.invalidValue("reporter") }
        }
        var assigneeIndex: Int?
        if let assignee = fields["assignee"] {
            do {
                assigneeIndex = try self.assigneeIndex(assignee, call: call, field: "assignee")
            } catch {
                errors["assignee"] = messages.invalidValue("assignee")
            }
        }
        guard errors.isEmpty, let project, let issueType else {
            throw SimResponseError(.error(400, fieldErrors: errors))
        }
        let number = state.issueCounters[project.key, default: 0] + 1
        state.issueCounters[project.key] = number
        let id = state.nextIssueId
        state.nextIssueId += 1
        var properties: [String: SimJSON] = [:]
        for property in body["properties"]?.arrayValue ?? [] {
            if let key = property["key"]?.stringValue, let value = property["value"] { properties[key] = value }
        }
        let issue = IssueRecord(
            id: id, key: "\(project.key)-\(number)", projectKey: project.key, issueTypeId: issueType.id,
            summary: summary, description: description, priorityId: priorityId ?? catalog.priorities.dropFirst(2).first?.id,
            labels: labels, statusId: project.workflow.statuses[0].id, resolutionId: nil, resolutionDate: nil,
            reporterIndex: reporterIndex, creatorIndex: call.userIndex, created: state.now, updated: state.now,
            properties: properties, assigneeIndex: assigneeIndex)
        state.save(issue)
        emitIssueEvent("jira:issue_created", eventType: "issue_created", issue: issue, call: call, state: &state)
        return .json(201, ["id": .string(String(id)), "key": .string(issue.key), "self": .string(apiURL(call, "issue/\(id)"))])
    }

    /// v3 needs ADF (a string is a 400); v2 takes a wiki string (ADF is kept as its literal JSON text).
    private func validatedDescription(_ value: SimJSON?, call: SimCall, errors: inout [String: String]) -> SimJSON {
        guard let value, !value.isNull else { return .null }
        if call.version == 3 {
            if RichTextBodies.adfProblem(value) != nil { errors["description"] = call.messages.descriptionMustBeADF }
            return value
        }
        if case .string = value { return value }
        return .string(String(decoding: value.serialized(), as: UTF8.self))
    }

    private func validatedLabels(_ value: SimJSON?, messages: SimMessages, errors: inout [String: String]) -> [String] {
        let labels = (value?.arrayValue ?? []).compactMap(\.stringValue)
        if let bad = labels.first(where: { $0.contains(where: \.isWhitespace) }) {
            errors["labels"] = messages.labelHasSpaces(bad)
        }
        return labels
    }

    func getIssue(_ call: SimCall, state: SimulatorState) throws(SimResponseError) -> SimResponse {
        let issue = try pathIssue(call, state: state)
        let selection = FieldSelection.parse(call.request.queryList("fields"), fallback: .all)
        let expand = call.request.queryList("expand") ?? []
        var json = issueJSON(
            issue, fields: selection, properties: call.request.queryList("properties") ?? [],
            renderedFields: expand.contains("renderedFields"), comments: state.comments(of: issue.id), call: call)
        if expand.contains("changelog"), case .object(var object) = json {
            object["changelog"] = changelogJSON(state.transitions.filter { $0.issueId == issue.id }, issue: issue, call: call)
            json = .object(object)
        }
        return .json(200, json)
    }

    func editIssue(_ call: SimCall, state: inout SimulatorState) throws(SimResponseError) -> SimResponse {
        var issue = try pathIssue(call, state: state)
        if call.request.queryValue("notifyUsers") == "false", !call.user.isAdmin {
            throw SimResponseError(.error(403, [call.messages.text(
                "To discard the user notification either admin or project admin permissions are required.",
                "要取消用户通知，需要管理员或项目管理员权限。")]))
        }
        let body = try bodyObject(call)
        let fields = body["fields"]?.objectValue ?? [:]
        let updates = body["update"]?.objectValue ?? [:]
        let messages = call.messages
        var errors: [String: String] = [:]
        let editable: Set<String> = ["summary", "description", "priority", "labels", "assignee"]
        for name in Set(fields.keys).union(updates.keys) where !editable.contains(name) {
            errors[name] = messages.fieldNotOnScreen(name)
        }
        for name in Set(fields.keys).intersection(updates.keys) {
            errors[name] = messages.text(
                "Field '\(name)' cannot be set in both 'fields' and 'update'.", "字段“\(name)”不能同时出现在 fields 和 update 中。")
        }
        if let summary = fields["summary"] {
            if let text = summary.stringValue, !text.isEmpty { issue.summary = text } else {
                errors["summary"] = messages.fieldRequired("summary")
            }
        }
        if let description = fields["description"] {
            issue.description = validatedDescription(description, call: call, errors: &errors)
        }
        if let priority = fields["priority"] {
            issue.priorityId = SiteCatalog.find(priority, in: catalog.priorities)?.id
            if issue.priorityId == nil { errors["priority"] = messages.invalidValue("priority") }
        }
        if let labels = fields["labels"] {
            issue.labels = validatedLabels(labels, messages: messages, errors: &errors)
        }
        if let assignee = fields["assignee"] {
            do {
                issue.assigneeIndex = try assigneeIndex(assignee, call: call, field: "assignee")
            } catch {
                errors["assignee"] = messages.invalidValue("assignee")
            }
        }
        for operation in updates["labels"]?.arrayValue ?? [] {
            applyLabelOperation(operation, to: &issue, messages: messages, errors: &errors)
        }
        for operation in updates["summary"]?.arrayValue ?? [] {
            if let text = operation["set"]?.stringValue { issue.summary = text }
        }
        guard errors.isEmpty else { throw SimResponseError(.error(400, fieldErrors: errors)) }
        let previous = try pathIssue(call, state: state)
        if previous != issue {
            issue.updated = state.now
            state.save(issue)
            emitIssueEvent(
                "jira:issue_updated", eventType: "issue_updated", issue: issue, call: call,
                changelog: changelog(from: previous, to: issue, state: state), state: &state)
        }
        if isCloud, call.request.queryValue("returnIssue") == "true" {
            return .json(
                200, issueJSON(issue, fields: .all, properties: [], renderedFields: false, comments: [], call: call))
        }
        return .noContent
    }

    private func applyLabelOperation(
        _ operation: SimJSON, to issue: inout IssueRecord, messages: SimMessages, errors: inout [String: String]
    ) {
        if let label = operation["add"]?.stringValue {
            if label.contains(where: \.isWhitespace) {
                errors["labels"] = messages.labelHasSpaces(label)
            } else if !issue.labels.contains(label) {
                issue.labels.append(label)
            }
        }
        if let label = operation["remove"]?.stringValue {
            issue.labels.removeAll { $0 == label }
        }
        if let labels = operation["set"] {
            issue.labels = validatedLabels(labels, messages: messages, errors: &errors)
        }
    }

    func deleteIssue(_ call: SimCall, state: inout SimulatorState) throws(SimResponseError) -> SimResponse {
        let issue = try pathIssue(call, state: state)
        state.deleteIssue(issue.id)
        emitIssueEvent("jira:issue_deleted", eventType: "issue_deleted", issue: issue, call: call, state: &state)
        return .noContent
    }

    /// Bumps `updated` after a comment or transition and records the new index version.
    func touch(_ issueId: Int, state: inout SimulatorState) {
        guard var issue = state.issues[issueId] else { return }
        issue.updated = state.now
        state.save(issue)
    }

    /// `changelog.items` for the fields an edit changed (what webhook consumers read).
    func changelog(from old: IssueRecord, to new: IssueRecord, state: SimulatorState) -> SimJSON {
        var items: [SimJSON] = []
        func item(_ field: String, _ from: String?, _ to: String?, fromString: String?, toString: String?) {
            items.append([
                "field": .string(field), "fieldtype": "jira", "fieldId": .string(field),
                "from": .optional(from), "to": .optional(to),
                "fromString": .optional(fromString), "toString": .optional(toString),
            ])
        }
        if old.summary != new.summary { item("summary", nil, nil, fromString: old.summary, toString: new.summary) }
        if old.labels != new.labels {
            item("labels", nil, nil, fromString: old.labels.joined(separator: " "), toString: new.labels.joined(separator: " "))
        }
        if old.priorityId != new.priorityId {
            item("priority", old.priorityId, new.priorityId, fromString: catalog.priority(old.priorityId)?.name.english,
                 toString: catalog.priority(new.priorityId)?.name.english)
        }
        if old.description != new.description { item("description", nil, nil, fromString: nil, toString: nil) }
        if old.assigneeIndex != new.assigneeIndex {
            let id: (Int?) -> String? = { $0.map { self.isCloud ? self.options.users[$0].accountId : self.options.users[$0].key } }
            item("assignee", id(old.assigneeIndex), id(new.assigneeIndex),
                 fromString: old.assigneeIndex.map { options.users[$0].displayName },
                 toString: new.assigneeIndex.map { options.users[$0].displayName })
        }
        return ["id": .string(String(state.nextWebhookEventId)), "items": .array(items)]
    }
}
