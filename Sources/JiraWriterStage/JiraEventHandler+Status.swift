import Foundation
import JiraAPI
import JiraWriter
import RichText
import SyncCore

extension JiraEventHandler {
    /// Moves the Jira status to agree with Guance (read before write): Resolved/Closed → a `done`
    /// status (the client fills a required resolution); reopened (Open/Working/Pending) while Jira is
    /// done → per `policies.reopen`. Which side stands when they disagree: ``guanceWins(_:issue:link:state:)``.
    /// - Returns: the effect, or `nil` when nothing was written.
    /// - Throws: ``JiraAPIError/noTransitionToCategory(issue:category:reachableCategories:)`` when the
    ///   workflow offers no way there (dead-lettered as `transition-unavailable`).
    func applyStatus(
        _ snapshot: GuanceIssueSnapshot, issue: JiraIssue, link: LinkRecord, state: inout IssueSyncState, event: SyncEvent
    ) async throws -> String? {
        guard let current = issue.fields.status?.category?.key else { return nil }
        let guanceDone: Bool
        switch snapshot.statusType {
        case 20, 25: guanceDone = true
        case 10, 15, 30: guanceDone = false
        default: return nil
        }
        let jiraDone = current == "done"
        if guanceDone == jiraDone {
            if state.statusCategory.map({ ($0 == "done") != jiraDone }) ?? true { state.statusCategory = current }
            return nil
        }
        guard guanceWins(snapshot, issue: issue, link: link, state: state) else { return nil }
        let effect: String
        if guanceDone {
            try await jira.transition(issue: link.jiraIssueId, toStatusCategory: "done")
            state.statusCategory = "done"
            effect = "jira_issue_transitioned"
        } else {
            switch configuration.policies.reopen {
            case .reopen:
                state.statusCategory = try await reopen(link.jiraIssueId)
                effect = "jira_issue_transitioned"
            case .comment:
                effect = try await addReopenComment(snapshot, link: link) ? "jira_comment_added" : "noop"
                // Handled: count the reopening as agreed, so later snapshots add no further comments.
                state.statusCategory = "new"
            case .newIssue:
                effect = try await reopenAsNewIssue(snapshot, previous: link, event: event)
            }
        }
        logger.info("status synced to Jira", metadata: [
            "guance.issue": "\(snapshot.issueUUID)", "jira.issue": "\(link.jiraIssueKey)",
            "guance.status": "\(snapshot.statusType)", "jira.category.before": "\(current)", "effect": "\(effect)",
        ])
        return effect
    }

    /// Which side's status stands when they disagree. At the done / not-done level only one side can
    /// differ from the state both last agreed on (kept in the issue's sync state): that side changed,
    /// and its change stands — Guance's is written to Jira, Jira's is left for guance-writer to carry
    /// to Guance. With no agreement on record (an adopted issue), `policies.conflict` decides
    /// (`mostRecent`: Guance's `updateAt` against Jira's status-category change time).
    private func guanceWins(_ snapshot: GuanceIssueSnapshot, issue: JiraIssue, link: LinkRecord, state: IssueSyncState) -> Bool {
        let jiraDone = issue.fields.status?.category?.key == "done"
        if let agreed = state.statusCategory {
            let jiraChanged = jiraDone != (agreed == "done")
            if jiraChanged {
                logger.info("Jira's status differs from the one both sides last agreed on; not writing", metadata: [
                    "guance.issue": "\(snapshot.issueUUID)", "jira.issue": "\(link.jiraIssueKey)", "agreed": "\(agreed)",
                ])
            }
            return !jiraChanged
        }
        let jiraChangedAt = issue.fields.all["statuscategorychangedate"]?.stringValue.flatMap(JiraTimestamp.parse)
            ?? issue.fields.updated
        let wins: Bool
        switch configuration.policies.conflict {
        case .guance: wins = true
        case .jira: wins = false
        case .mostRecent:
            if let guanceChangedAt = snapshot.updatedAt, let jiraChangedAt {
                wins = guanceChangedAt >= jiraChangedAt
            } else {
                wins = true
            }
        }
        logger.notice("status conflict with no agreement on record", metadata: [
            "guance.issue": "\(snapshot.issueUUID)", "jira.issue": "\(link.jiraIssueKey)",
            "guance.status": "\(snapshot.statusType)", "guance.changed_at": "\(snapshot.updatedAt.map { "\($0)" } ?? "unknown")",
            "jira.changed_at": "\(jiraChangedAt.map { "\($0)" } ?? "unknown")",
            "rule": "\(configuration.policies.conflict.rawValue)", "winner": "\(wins ? "guance" : "jira")",
        ])
        return wins
    }

    /// Moves a done issue back to a `new` status, else an `indeterminate` one.
    /// - Returns: the category reached.
    private func reopen(_ issue: String) async throws -> String {
        do {
            try await jira.transition(issue: issue, toStatusCategory: "new")
            return "new"
        } catch let error as JiraAPIError {
            guard case .noTransitionToCategory(_, _, let reachable) = error, reachable.contains("indeterminate") else { throw error }
            try await jira.transition(issue: issue, toStatusCategory: "indeterminate")
            return "indeterminate"
        }
    }

    /// `policies.reopen: comment`: one comment per reopening (marked, so a replay adds none).
    /// - Returns: whether a comment was added.
    private func addReopenComment(_ snapshot: GuanceIssueSnapshot, link: LinkRecord) async throws -> Bool {
        let reopenedAt = snapshot.updatedAt ?? Date()
        let marker = "reopen-" + String(reopenedAt.epochMilliseconds)
        if try await findMarkedComment(issue: link.jiraIssueId, replyUUID: marker) != nil { return false }
        let text = "The problem recurred: the issue was reopened in Guance at \(Self.timestamp(reopenedAt))."
        let property = SyncMarker.comment(replyUUID: marker, issueUUID: snapshot.issueUUID)
        _ = try await jira.addComment(
            issue: link.jiraIssueId, body: renderer.richText(RichDocument(plainText: text), limit: .jiraComment),
            properties: [propertyKey: property])
        return true
    }

    /// `policies.reopen: newIssue`: a new Jira issue for the recurrence (marked `guance-<uuid>-r<ms>`,
    /// created exactly once like any issue), a remote link to the previous one, and the link table
    /// now pointing at the new issue, so later replies and status changes go there.
    private func reopenAsNewIssue(_ snapshot: GuanceIssueSnapshot, previous: LinkRecord, event: SyncEvent) async throws -> String {
        let reopenedAt = snapshot.updatedAt ?? event.occurredAt
        let mark = GuanceIssueLabel.recurrenceMark(snapshot.issueUUID, reopenedAt: reopenedAt)
        var rendered = renderer.render(snapshot, eventID: event.id)
        rendered.draft.labels = JiraLabel.normalized(rendered.draft.labels + [JiraLabel.guanceIssue(mark)])
        switch try await ensureIssue(snapshot, rendered: rendered, event: event, recurrence: mark) {
        case .pending(let outcome):
            throw RetryLater(outcome: outcome)
        case .linked(let recurrence, _):
            let previousLink = JiraRemoteLink(
                globalId: "guance-sync-previous=\(previous.jiraIssueId)", url: browseURL(previous.jiraIssueKey),
                title: "Previous occurrence: \(previous.jiraIssueKey)", applicationName: "Jira",
                relationship: "recurrence of", resolved: true)
            _ = try await jira.upsertRemoteLink(issue: recurrence.jiraIssueId, previousLink)
            logger.info("recurrence tracked in a new Jira issue", metadata: [
                "guance.issue": "\(snapshot.issueUUID)", "jira.issue": "\(recurrence.jiraIssueKey)",
                "jira.previous": "\(previous.jiraIssueKey)",
            ])
            return "jira_issue_created"
        }
    }

    /// A UTC ISO 8601 time to the second.
    static func timestamp(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false).timeZone(separator: .omitted))
    }
}
