import Foundation
import GuanceAPI
import GuanceWriter
import StageClients
import StageRuntime
import SyncCore

/// guance-writer's assignee and level writes and their ledger records: a pending write recorded before
/// the modify (so its echo is recognised even after a crash), the agreement after it, and the note.
extension GuanceEventHandler {
    /// Writes `values` (assignees or a level) to the Guance issue, carrying the Jira reading `jira`.
    /// - Returns: the issue as modified.
    func writeField(
        _ field: SyncedField, values: [String], of issue: GuanceIssue, carrying jira: FieldReading, entry: FieldLedgerEntry,
        link: LinkRecord
    ) async throws -> GuanceIssue {
        let previous = statusRecords.fieldRecord(entry, link: link)
        var pending = previous
        pending[field].pendingWrite = FieldReading(
            side: .guance, values: values, version: issue.updatedAt, decidedAt: jira.decidedAt)
        try await ledger.record(pending)
        var modified: GuanceIssue
        do {
            modified = try await modifyIssue(issue) { modification in
                switch field {
                case .assignee: modification.setAssignees(values)
                case .priority: modification.level = GuanceLevelReference(uuid: values.first ?? "")
                }
            }
        } catch {
            // Nothing was written: the pending write is withdrawn. A modify that may have landed keeps
            // it, so its echo is still recognised; the retry settles it against what Guance shows.
            if (error as? GuanceAPIError)?.isOutcomeUnknown != true { try? await ledger.record(previous) }
            throw error
        }
        crashPoints.reached(field == .assignee ? Effect.assigneesChanged : Effect.levelChanged, logger: logger)
        modified = try await writtenIssue(modified, of: issue.uuid)
        var written = Self.guanceReading(field, of: modified)
        if !written.showsSameValue(as: FieldReading(side: .guance, values: values, version: nil)) {
            written = FieldReading(side: .guance, values: values, version: nil)
        }
        var record = ledger.fieldEntry(for: link).record(of: GuanceWriterStage.name) ?? pending
        record[field] = FieldAgreement(
            guance: written.decided(at: jira.decidedAt), jira: jira, wrote: .guance,
            overwrote: Self.guanceReading(field, of: issue))
        record.lastGuanceWrite = GuanceWriteMark(writing: modified, over: issue)
        record.recordedAt = Date()
        try await ledger.record(record)
        return modified
    }

    /// Sends a modify changing what `change` sets, with the issue's whole `extend` re-sent (and, on
    /// deployments that need it, name, level and description; learned once, as for status).
    func modifyIssue(_ issue: GuanceIssue, _ change: (inout GuanceIssueModification) -> Void) async throws -> GuanceIssue {
        var resending = resendsIssueFields.withLock { $0 }
        while true {
            var modification = GuanceIssueModification(preserving: issue, resendingNameLevelAndDescription: resending)
            change(&modification)
            do {
                let modified = try await guance.modifyIssue(issue.uuid, modification)
                gate.accepted()
                if resending { resendsIssueFields.withLock { $0 = true } }
                return modified
            } catch let error as GuanceAPIError where error.kind == .rejected && !resending {
                logger.warning("Guance refused the modify; trying again with name, level and description")
                resending = true
            }
        }
    }

    /// Settles this writer's pending write of `field` left by a stop between the write and its record
    /// (Guance shows it → recorded as done; it does not → withdrawn).
    func settleFieldWrite(_ field: SyncedField, current: FieldReading, entry: FieldLedgerEntry, link: LinkRecord)
        async throws -> FieldLedgerEntry
    {
        let settled = try await statusRecords.settleFieldWrite(field, current: current, entry: entry, link: link)
        if settled.settledAsDone {
            logger.info("\(field.rawValue) write found done after a restart; recorded", metadata: ["guance.issue": "\(link.guanceIssueUUID)"])
        }
        return settled.entry
    }

    /// `policies.changeNotes`: a Guance reply saying what changed in Jira (marked and written with the
    /// sync's key, so guance-poller skips it). At most once: a failure is logged, not retried.
    func addFieldNote(_ note: FieldNote, field: SyncedField, issue: GuanceIssue, link: LinkRecord) async {
        guard changeNotes == .on else { return }
        let text: String
        switch field {
        case .assignee:
            text = note.value.map { "Assigned to \($0) in Jira \(note.issueKey)." } ?? "Unassigned in Jira \(note.issueKey)."
        case .priority:
            text = "Priority set to \(note.value ?? "none") in Jira \(note.issueKey): level \(issue.level.uuid)."
        }
        let marker = "note-\(field.rawValue)-\((issue.updatedAt ?? Date()).epochMilliseconds)"
        let draft = GuanceReplyDraft(
            issueUUID: issue.uuid, content: text,
            extend: ReplyRenderer.noteMarking(GuanceExtend(), noteID: marker, issueKey: note.issueKey))
        do {
            _ = try await guance.createReply(draft)
            gate.accepted()
        } catch {
            logger.warning("change note not added to Guance", metadata: ["guance.issue": "\(issue.uuid)", "error": "\(error)"])
        }
    }
}
