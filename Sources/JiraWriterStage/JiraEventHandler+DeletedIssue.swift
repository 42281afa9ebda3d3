import Foundation
import GuancePoller
import JiraAPI
import JiraWriter
import Logging
import RichText
import StageRuntime
import SyncCore

/// A linked Jira issue a person deleted (`policies.jiraIssueDeleted`): without this, every later
/// event of its Guance issue would get 404 and be dead-lettered for good.
extension JiraEventHandler {
    /// The link of `event`'s Guance issue when `error` is a 404 and a fresh read of the linked Jira
    /// issue answers 404 too (a comment gone, or a 404 for another reason, is not a deleted issue).
    func deletedIssueLink(after error: JiraAPIError, event: SyncEvent) async -> LinkRecord? {
        guard error.isNotFound,
            let link = links.issueLink(guanceIssueUUID: event.key)
        else { return nil }
        do {
            _ = try await jira.issue(link.jiraIssueId, fields: ["updated"])
            return nil
        } catch let error as JiraAPIError {
            guard error.isNotFound else { return nil }
            return link
        } catch {
            return nil
        }
    }

    /// Applies `policies.jiraIssueDeleted` to `event`, whose linked Jira issue (`deleted`) is gone.
    func onDeletedIssue(_ deleted: LinkRecord, event: SyncEvent, attempt: Int, recreations: Int) async throws
        -> HandlingOutcome
    {
        let metadata: Logger.Metadata = [
            "guance.issue": "\(deleted.guanceIssueUUID)", "jira.issue": "\(deleted.jiraIssueKey)", "event.id": "\(event.id)",
        ]
        switch configuration.policies.jiraIssueDeleted {
        case .deadLetter:
            return .deadLetter(DeadLetter.Reason(
                code: DeadLetterCode.jiraIssueDeleted,
                message: "Jira issue \(deleted.jiraIssueKey) (id \(deleted.jiraIssueId)) of Guance issue "
                    + "\(deleted.guanceIssueUUID) was deleted (policies.jiraIssueDeleted: deadLetter)"))
        case .unlink:
            var detached = deleted
            detached.jiraIssueDeletedAt = Date()
            detached.eventID = event.id
            try await links.record(detached)
            logger.warning(
                "the Jira issue was deleted; its Guance issue is no longer synced (policies.jiraIssueDeleted: unlink)",
                metadata: metadata)
            return .applied(effect: "jira_issue_unlinked")
        case .recreate:
            guard let snapshot = try await snapshotToRecreate(event) else {
                return .deadLetter(DeadLetter.Reason(
                    code: DeadLetterCode.jiraIssueDeleted,
                    message: "Jira issue \(deleted.jiraIssueKey) was deleted and jira-writer cannot read Guance issue "
                        + "\(deleted.guanceIssueUUID) to recreate it"))
            }
            let rendered = renderer.render(snapshot, eventID: event.id)
            switch try await ensureIssue(snapshot, rendered: rendered, event: event, replacing: deleted) {
            case .pending(let outcome):
                return outcome
            case .linked(let replacement, _):
                try await noteReplacement(replacement, deleted: deleted)
                logger.warning("the Jira issue was deleted; a new one replaces it (policies.jiraIssueDeleted: recreate)",
                    metadata: metadata.merging(["jira.replacement": "\(replacement.jiraIssueKey)"]) { $1 })
                let outcome = await handle(event, attempt: attempt, recreations: recreations + 1)
                if case .applied(let effect) = outcome, effect == "noop" { return .applied(effect: "jira_issue_recreated") }
                return outcome
            }
        }
    }

    /// What the replacement is created from: the event's own snapshot, else the Guance issue as it is
    /// now; `nil` when jira-writer has no Guance client.
    private func snapshotToRecreate(_ event: SyncEvent) async throws -> GuanceIssueSnapshot? {
        if case .guanceIssueSnapshot(let snapshot) = event.body { return snapshot }
        guard let guance else { return nil }
        let issue = try await guance.issue(event.key)
        return GuanceEventMapper(consoleURL: configuration.guance.consoleURL).snapshot(of: issue)
    }

    /// A comment on the replacement naming the deleted issue (once: found by its marker first).
    private func noteReplacement(_ replacement: LinkRecord, deleted: LinkRecord) async throws {
        let marker = JiraPropertyMarker.replacementNoteID(replacing: deleted.jiraIssueId)
        guard try await findMarkedComment(issue: replacement.jiraIssueId, replyUUID: marker) == nil else { return }
        let text = "This issue replaces \(deleted.jiraIssueKey), which mirrored the same Guance issue and was deleted "
            + "in Jira. Comments from before the deletion are not copied again."
        _ = try await jira.addComment(
            issue: replacement.jiraIssueId, body: renderer.richText(RichDocument(plainText: text), limit: .jiraComment),
            properties: [propertyKey: JiraPropertyMarker.comment(replyUUID: marker, issueUUID: deleted.guanceIssueUUID)])
    }
}
