import Crypto
import Foundation

extension SimulatorEngine {
    /// Queues `jira:issue_*` deliveries for every webhook subscribed to `event`.
    func emitIssueEvent(
        _ event: String, eventType: String, issue: IssueRecord, call: SimCall, changelog: SimJSON? = nil,
        state: inout SimulatorState
    ) {
        guard !state.webhooks.isEmpty else { return }
        let wire = webhookCall(call)
        var payload: [String: SimJSON] = [
            "issue_event_type_name": .string(eventType),
            "issue": issueJSON(issue, fields: .all, properties: [], renderedFields: false, comments: [], call: wire),
        ]
        if let changelog { payload["changelog"] = changelog }
        enqueue(event, payload: payload, call: wire, state: &state)
    }

    /// Queues `comment_*` plus the matching `jira:issue_updated` (issue_commented / issue_comment_edited / …).
    func emitCommentEvent(_ event: String, comment: CommentRecord, call: SimCall, state: inout SimulatorState) {
        guard !state.webhooks.isEmpty, let issue = state.issues[comment.issueId] else { return }
        let wire = webhookCall(call)
        let issueSummary: SimJSON = [
            "id": .string(String(issue.id)), "key": .string(issue.key), "self": .string(apiURL(wire, "issue/\(issue.id)")),
            "fields": ["summary": .string(issue.summary), "updated": timestamp(issue.updated)],
        ]
        let commentJSON = commentJSON(comment, expand: [], call: wire)
        enqueue(event, payload: ["comment": commentJSON, "issue": issueSummary], call: wire, state: &state)
        let eventType = ["comment_created": "issue_commented", "comment_updated": "issue_comment_edited"][event]
            ?? "issue_comment_deleted"
        enqueue(
            "jira:issue_updated",
            payload: [
                "issue_event_type_name": .string(eventType), "comment": commentJSON,
                "issue": issueJSON(issue, fields: .all, properties: [], renderedFields: false, comments: [], call: wire),
            ], call: wire, state: &state)
    }

    /// Webhook bodies use the v2 (string) rendering.
    private func webhookCall(_ call: SimCall) -> SimCall {
        SimCall(
            request: call.request, endpoint: call.endpoint, parameters: call.parameters, version: 2,
            userIndex: call.userIndex, user: call.user)
    }

    private func enqueue(_ event: String, payload: [String: SimJSON], call: SimCall, state: inout SimulatorState) {
        var body = payload
        body["timestamp"] = .int(JiraTimestamp.milliseconds(state.now))
        body["webhookEvent"] = .string(event)
        body["user"] = userJSON(call.userIndex, call: call)
        let data = SimJSON.object(body).serialized()
        for webhook in state.webhooks where webhook.events.isEmpty || webhook.events.contains(event) {
            let identifier = "sim-\(state.nextWebhookEventId)"
            state.nextWebhookEventId += 1
            state.webhookOutbox.append(
                WebhookDelivery(url: webhook.url, secret: webhook.secret, identifier: identifier, event: event, body: data))
        }
    }

    /// `sha256=<hex HMAC-SHA256(secret, body)>`.
    static func signature(body: Data, secret: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
        return "sha256=" + mac.map { String(format: "%02x", $0) }.joined()
    }
}
