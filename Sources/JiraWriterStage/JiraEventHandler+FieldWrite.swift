import Foundation
import JiraAPI
import JiraWriter
import RichText
import SyncCore

/// jira-writer's assignee and priority writes and their ledger records: a pending write recorded
/// before the write (so its echo is recognised even after a crash), the agreement after it, and the
/// note saying who changed what in Guance.
extension JiraEventHandler {
    /// Writes `values` to Jira and records the agreement reached.
    /// - Returns: Jira's reading after the write.
    func writeField(
        _ field: SyncedField, values: [String], users: [String: JiraUser], change: FieldReading, target: FieldReading,
        entry: FieldLedgerEntry, link: LinkRecord
    ) async throws -> JiraIssue {
        let previous = statusRecords.fieldRecord(entry, link: link)
        var pending = previous
        pending[field].pendingWrite = FieldReading(
            side: .jira, values: values, version: target.version, decidedAt: change.decidedAt)
        try await ledger.record(pending)
        do {
            switch field {
            case .assignee:
                let user = values.first.flatMap { users[$0] }.map(JiraUserReference.init)
                try await jira.assign(issue: link.jiraIssueId, to: user)
            case .priority:
                try await jira.updateIssue(link.jiraIssueId, JiraIssueEdit(priorityId: values.first))
            }
        } catch {
            // Nothing (or nothing known) was written: the pending write is withdrawn.
            try? await ledger.record(previous)
            throw error
        }
        let issue = try await jira.issue(link.jiraIssueId, fields: Self.fieldFields)
        var written = Self.jiraReading(field, of: issue)
        if !written.showsSameValue(as: FieldReading(side: .jira, values: values, version: nil)) {
            // Someone changed it right after the write: the reading is not the sync's, and stays theirs.
            written = FieldReading(side: .jira, values: values, version: nil)
        }
        var record = ledger.fieldEntry(for: link).record(of: JiraWriterStage.name) ?? pending
        record[field] = FieldAgreement(
            guance: change, jira: written.decided(at: change.decidedAt), wrote: .jira, overwrote: target)
        record.recordedAt = Date()
        try await ledger.record(record)
        return issue
    }

    /// Settles this writer's pending write of `field` left by a stop between the write and its record
    /// (Jira shows it → recorded as done; it does not → withdrawn).
    func settleFieldWrite(_ field: SyncedField, current: FieldReading, entry: FieldLedgerEntry, link: LinkRecord)
        async throws -> FieldLedgerEntry
    {
        let settled = try await statusRecords.settleFieldWrite(field, current: current, entry: entry, link: link)
        if settled.settledAsDone {
            logger.info("\(field.rawValue) write found done after a restart; recorded", metadata: ["jira.issue": "\(link.jiraIssueKey)"])
        }
        return settled.entry
    }

    /// `policies.changeNotes`: a Jira comment saying who changed what in Guance (marked as the sync's,
    /// so jira-poller skips it). At most once: a failure is logged, not retried (the change itself is done).
    func addFieldNote(_ field: SyncedField, snapshot: GuanceIssueSnapshot, written: JiraIssue, link: LinkRecord) async {
        guard configuration.policies.changeNotes == .on else { return }
        let author = ledger.fieldEntry(for: link).guanceAuthor(of: snapshot.updator, version: snapshot.updatedAt)
        let who = Self.guanceActorName(author)
        let text: String
        switch field {
        case .assignee:
            if let assignee = written.fields.assignee {
                text = "Assigned to \(assignee.displayName ?? assignee.stableIdentifier ?? "?") in Guance by \(who)."
            } else {
                text = "Unassigned in Guance by \(who)."
            }
        case .priority:
            let level = snapshot.level.map { $0.name ?? $0.id } ?? "?"
            let priority = written.fields.priority.map { $0.name ?? $0.id } ?? "?"
            text = "Priority \(priority): the Guance level was set to \(level) by \(who)."
        }
        let marker = JiraPropertyMarker.fieldNoteID(field: field.rawValue, at: snapshot.updatedAt ?? Date())
        do {
            _ = try await jira.addComment(
                issue: link.jiraIssueId, body: renderer.richText(RichDocument(plainText: text), limit: .jiraComment),
                properties: [propertyKey: JiraPropertyMarker.comment(replyUUID: marker, issueUUID: snapshot.issueUUID)])
        } catch {
            logger.warning("change note not added to Jira", metadata: ["jira.issue": "\(link.jiraIssueKey)", "error": "\(error)"])
        }
    }

    /// A Guance actor as a note names them: a member by name, another integration as such, else Guance.
    static func guanceActorName(_ actor: GuanceActor?) -> String {
        guard let actor else { return "someone in Guance" }
        if actor.isAPIKey { return "\(actor.name ?? actor.id) (integration)" }
        if actor.id.hasPrefix("acnt_") { return actor.name ?? actor.email ?? actor.id }
        return actor.name ?? "Guance"
    }
}
