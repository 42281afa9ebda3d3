import Foundation
import GuanceAPI
import JiraAPI
import JiraWriter
import StageRuntime
import SyncCore

extension JiraEventHandler {
    /// The fields read before applying a snapshot.
    static let snapshotFields = ["summary", "description", "labels", "status", "updated", "statuscategorychangedate"]

    /// Makes the Jira issue show a Guance snapshot: find or create it, edit what differs, move its
    /// status, carry a changed assignee or level, and leave the back-link to a follow-up. A snapshot older than
    /// the last one applied is skipped.
    func applySnapshot(_ snapshot: GuanceIssueSnapshot, event: SyncEvent) async throws -> HandlingOutcome {
        let rendered = renderer.render(snapshot, eventID: event.id)
        let link: LinkRecord
        var effects: [String] = []
        var reading: JiraIssue?
        switch try await ensureIssue(snapshot, rendered: rendered, event: event) {
        case .pending(let outcome):
            return outcome
        case .linked(let found, let how):
            link = found
            switch how {
            case .created(let created):
                effects.append("jira_issue_created")
                reading = created
            case .adopted: effects.append("jira_issue_adopted")
            case .table: break
            }
        }
        // A new issue was read right after its create; any other is read now.
        let issue: JiraIssue
        if let reading {
            issue = reading
        } else {
            issue = try await jira.issue(link.jiraIssueId, fields: Self.snapshotFields, properties: [propertyKey])
        }
        let original = IssueSyncState(property: issue.properties[propertyKey])
        var state = original
        let snapshotAt = snapshot.updatedAt ?? event.occurredAt
        if let applied = state.snapshotAt, snapshotAt < applied {
            logger.debug("skipping an older snapshot", metadata: [
                "guance.issue": "\(snapshot.issueUUID)", "event.id": "\(event.id)",
            ])
            return .applied(effect: effects.first ?? "noop")
        }
        if let edit = SnapshotDiff.edit(from: issue.fields, to: rendered) {
            try await jira.updateIssue(link.jiraIssueId, edit)
            effects.append("jira_issue_updated")
        }
        if state.guanceURL == nil { state.guanceURL = rendered.remoteLink.url }
        if let url = state.guanceURL { guanceURLs.remember(url, of: link.jiraIssueId) }
        if let effect = try await applyStatus(snapshot, issue: issue, link: link, event: event) {
            effects.append(effect)
        }
        effects += try await applyFields(snapshot, link: link, event: event)
        // Only a snapshot that changed Jira moves the mark: the ones in between showed what Jira shows.
        if !effects.isEmpty { state.snapshotAt = snapshotAt }
        let backlink = await backlinkFollowUp(snapshot, link: link, state: &state)
        if state != original {
            try await jira.setIssueProperty(issue: link.jiraIssueId, key: propertyKey, value: state.value)
        }
        let effect = effects.first ?? "noop"
        guard let backlink else { return .applied(effect: effect) }
        return .appliedWithFollowUp(effect: effect, followUp: backlink)
    }
}
