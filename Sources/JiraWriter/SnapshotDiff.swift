import JiraAPI
import SyncCore

/// What to change on a Jira issue so it shows a rendered snapshot: read before write, so a replayed
/// or unchanged snapshot yields no edit at all.
///
/// The project and issue type are not compared: routing decides them at create time only (moving
/// an issue is a separate, permission-heavy operation). Neither is the priority: it follows the
/// Guance level only when the level changes (the field ledger decides, so a person's Jira priority is
/// not reverted by the next unrelated Guance edit). Labels users added are never removed.
package enum SnapshotDiff {
    /// The edit turning `current` into `rendered`, or `nil` when they already agree.
    /// `previouslyManagedLabels` are the labels the sync rendered for the previous snapshot; those no
    /// longer wanted are removed (the `guance-<uuid>` marker and the legacy raw UUID never are).
    package static func edit(
        from current: JiraIssueFields, to rendered: RenderedJiraIssue, previouslyManagedLabels: [String] = []
    ) -> JiraIssueEdit? {
        var edit = JiraIssueEdit()
        let draft = rendered.draft
        if current.summary != draft.summary { edit.summary = draft.summary }
        if let wanted = draft.description, !(current.description?.showsSameContent(as: wanted) ?? false) {
            edit.description = wanted
        }
        let present = Set(current.labels ?? [])
        let wanted = Set(draft.labels)
        edit.addLabels = draft.labels.filter { !present.contains($0) }
        let protected: Set<String> = [rendered.syncLabel]
        edit.removeLabels = JiraLabel.normalized(previouslyManagedLabels).filter {
            present.contains($0) && !wanted.contains($0) && !protected.contains($0)
        }
        return edit == JiraIssueEdit() ? nil : edit
    }
}
