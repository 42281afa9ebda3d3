import SyncCore

/// What to do to get the one Jira issue of a Guance issue.
package enum IssueLinkDecision: Sendable, Hashable {
    /// The link table has it: use this Jira issue.
    case useLinked(LinkRecord)
    /// Search `labels` (the sync label and the legacy raw-UUID label) before deciding.
    case search(labels: [String])
    /// An existing Jira issue is the one: write the link, add the missing labels and the property.
    case adopt(Adoption)
    /// Nothing exists: create the issue.
    case create
    /// Search may lag behind an earlier create: look again after `seconds`, never create yet.
    case waitAndRetry(seconds: Int, reason: String)

    /// The details of an adoption.
    package struct Adoption: Sendable, Hashable {
        /// The issue to link.
        package var issue: FoundJiraIssue
        /// `created` when it is this writer's own earlier create, `adopted` when found by marker.
        package var provenance: LinkRecord.Provenance
        /// Whether only the old script's raw-UUID label marked it.
        package var foundByLegacyLabel: Bool
        /// Sync labels it lacks (to add).
        package var labelsToAdd: [String]
        /// Other issues carrying the same marker (duplicates to report, never touched).
        package var duplicates: [FoundJiraIssue]

        /// Creates an adoption.
        package init(
            issue: FoundJiraIssue, provenance: LinkRecord.Provenance, foundByLegacyLabel: Bool, labelsToAdd: [String],
            duplicates: [FoundJiraIssue]
        ) {
            self.issue = issue
            self.provenance = provenance
            self.foundByLegacyLabel = foundByLegacyLabel
            self.labelsToAdd = labelsToAdd
            self.duplicates = duplicates
        }
    }
}
