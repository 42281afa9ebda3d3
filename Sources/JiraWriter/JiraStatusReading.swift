import JiraAPI
import SyncCore

/// What a Jira issue's status reads as, for the status ledger and the arbiter.
package enum JiraStatusReading {
    /// The issue's status now, versioned by `statuscategorychangedate` (else `updated`); `nil` when
    /// the status or its category was not returned.
    package static func current(of issue: JiraIssue) -> SideStatus? {
        guard let status = issue.fields.status, let key = status.category?.key else { return nil }
        return SideStatus.jira(
            categoryKey: key, statusId: status.id, statusCategoryChangedAt: issue.fields.statusCategoryChangeDate,
            updated: issue.fields.updated)
    }

    /// Jira's status when the issue was created, as the creation agreement records it: the status read
    /// now when nobody moved it since the creation; otherwise — a person resolved it a second after the
    /// create, or while a create with an unknown outcome waited for the search — the creation's own
    /// category (open) at the creation time, so that person's move still counts as theirs. Whether it
    /// moved comes from the embedded changelog (`expand=changelog`: any status change); a server that
    /// does not embed it whole falls back to `statuscategorychangedate` at most a second after
    /// `created` (Jira may stamp the two apart by milliseconds). `nil` (no version) when Jira gives
    /// neither time.
    package static func atCreation(of issue: JiraIssue) -> SideStatus? {
        let reading = current(of: issue)
        guard let created = issue.fields.created else { return reading.map { SideStatus(side: .jira, category: $0.category, value: $0.value, version: nil, changedAt: nil) } }
        let openAtCreation = SideStatus(side: .jira, category: .open, value: "", version: created, changedAt: nil)
        if let history = issue.statusHistory, history.isComplete {
            guard history.changes.isEmpty, let reading else { return openAtCreation }
            return reading
        }
        if let reading, let changed = reading.changedAt, changed <= created.addingTimeInterval(1) { return reading }
        return openAtCreation
    }
}
