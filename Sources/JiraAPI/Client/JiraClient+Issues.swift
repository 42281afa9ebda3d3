import Foundation
import RichText

extension JiraClient {
    /// Creates an issue with its labels and issue properties in one call.
    ///
    /// Never retried on an unknown outcome: a timeout, dropped connection or 5xx raises
    /// ``JiraAPIError/ambiguousOutcome(operation:cause:)``; search for the issue's unique label first.
    /// On Data Center, where `properties` in a create is not documented for every version: when the
    /// server refuses them (400) the issue is created without them and each property is then `PUT`;
    /// the first accepted inline create is read back, and a server that silently dropped them gets
    /// them by `PUT` (remembered for later creates). If such a follow-up fails, the issue exists and
    /// ``JiraAPIError/createdWithoutProperties(_:cause:)`` carries its key.
    public func createIssue(_ draft: JiraIssueDraft) async throws -> JiraCreatedIssue {
        let flavor = try await flavor()
        try requireNative(draft.description, for: flavor)
        var fields = draft.extraFields
        fields["project"] = draft.projectReference
        fields["issuetype"] = .object(["id": .string(draft.issueTypeId)])
        fields["summary"] = .string(draft.summary)
        if let description = draft.description { fields["description"] = try jsonValue(description) }
        if let priorityId = draft.priorityId { fields["priority"] = .object(["id": .string(priorityId)]) }
        if !draft.labels.isEmpty { fields["labels"] = .array(draft.labels.map(JSONValue.string)) }

        if draft.properties.isEmpty || flavor == .cloud {
            return try await postCreate(flavor, fields: fields, properties: draft.properties)
        }
        let state = createPropertiesState
        if configuration.dataCenterCreateProperties == .putAfterCreate || state == .putAfterCreate {
            let created = try await postCreate(flavor, fields: fields, properties: [:])
            try await putProperties(draft.properties, on: created)
            return created
        }
        let created: JiraCreatedIssue
        do {
            created = try await postCreate(flavor, fields: fields, properties: draft.properties)
        } catch let error as JiraAPIError where error.httpStatus == 400 {
            logger.info("Data Center refused properties in create; creating without them", metadata: [
                "jira.field_errors": "\(error.errorCollection?.fieldErrors.keys.sorted() ?? [])",
            ])
            let created = try await postCreate(flavor, fields: fields, properties: [:])
            recordCreateProperties(.putAfterCreate)
            try await putProperties(draft.properties, on: created)
            return created
        }
        if state == .unknown { try await verifyInlineProperties(draft.properties, on: created) }
        return created
    }

    /// Reads the properties of the first inline Data Center create back; a server that dropped them
    /// silently gets them by PUT, now and for every later create.
    private func verifyInlineProperties(_ properties: [String: JSONValue], on created: JiraCreatedIssue) async throws {
        let stored: JiraIssue
        do {
            stored = try await issue(created.key, fields: ["labels"], properties: Array(properties.keys))
        } catch {
            throw JiraAPIError.createdWithoutProperties(created, cause: String(describing: error))
        }
        let missing = properties.filter { stored.properties[$0.key] != $0.value }
        if missing.isEmpty {
            recordCreateProperties(.inline)
        } else {
            logger.info("Data Center dropped properties in create; PUT them after creates from now on")
            recordCreateProperties(.putAfterCreate)
            try await putProperties(missing, on: created)
        }
    }

    private func postCreate(_ flavor: JiraFlavor, fields: [String: JSONValue], properties: [String: JSONValue]) async throws -> JiraCreatedIssue {
        var body: [String: JSONValue] = ["fields": .object(fields)]
        if !properties.isEmpty {
            body["properties"] = entityPropertyList(properties)
        }
        let request = JiraRequest(
            .POST, flavor.apiPrefix + "/issue", body: try jsonBody(.object(body)),
            endpoint: "issue", repeatability: .nonIdempotent)
        return try await call(request, as: JiraCreatedIssue.self)
    }

    private func putProperties(_ properties: [String: JSONValue], on created: JiraCreatedIssue) async throws {
        do {
            for (key, value) in properties.sorted(by: { $0.key < $1.key }) {
                try await setIssueProperty(issue: created.key, key: key, value: value)
            }
        } catch {
            throw JiraAPIError.createdWithoutProperties(created, cause: String(describing: error))
        }
    }

    /// Reads an issue (strongly consistent; a moved issue's old key resolves).
    /// - Parameters:
    ///   - fields: field ids to return (`*all` for every field).
    ///   - properties: issue property keys to return.
    ///   - expandRenderedFields: also return `renderedFields` (HTML, caller's zone).
    ///   - expandChangelog: also return the embedded changelog (``JiraIssue/statusHistory``).
    public func issue(
        _ issue: String, fields: [String] = ["summary", "status", "resolution", "labels", "updated", "priority", "issuetype", "description"],
        properties: [String] = [], expandRenderedFields: Bool = false, expandChangelog: Bool = false
    ) async throws -> JiraIssue {
        let flavor = try await flavor()
        var query: [(name: String, value: String)] = [("fields", fields.joined(separator: ","))]
        if !properties.isEmpty { query.append(("properties", properties.joined(separator: ","))) }
        let expand = (expandRenderedFields ? ["renderedFields"] : []) + (expandChangelog ? ["changelog"] : [])
        if !expand.isEmpty { query.append(("expand", expand.joined(separator: ","))) }
        return try await call(
            JiraRequest(.GET, issuePath(flavor, issue), query: query, endpoint: "issue/{key}"), as: JiraIssue.self)
    }

    /// Edits fields and adds/removes labels (idempotent; retried).
    /// - Parameter notifyUsers: `false` suppresses notifications (needs admin rights); `nil` leaves Jira's default.
    public func updateIssue(_ issue: String, _ edit: JiraIssueEdit, notifyUsers: Bool? = nil) async throws {
        let flavor = try await flavor()
        try requireNative(edit.description, for: flavor)
        var fields = edit.extraFields
        if let summary = edit.summary { fields["summary"] = .string(summary) }
        if let description = edit.description { fields["description"] = try jsonValue(description) }
        if let priorityId = edit.priorityId { fields["priority"] = .object(["id": .string(priorityId)]) }
        var body: [String: JSONValue] = [:]
        if !fields.isEmpty { body["fields"] = .object(fields) }
        let labelOperations = edit.addLabels.map { JSONValue.object(["add": .string($0)]) }
            + edit.removeLabels.map { JSONValue.object(["remove": .string($0)]) }
        if !labelOperations.isEmpty { body["update"] = .object(["labels": .array(labelOperations)]) }
        guard !body.isEmpty else { return }
        var query: [(name: String, value: String)] = []
        if let notifyUsers { query.append(("notifyUsers", String(notifyUsers))) }
        try await callIgnoringBody(JiraRequest(
            .PUT, issuePath(flavor, issue), query: query, body: try jsonBody(.object(body)),
            endpoint: "issue/{key}", issueWriteKey: issue))
    }
}
