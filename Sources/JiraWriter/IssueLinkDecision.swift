public import SyncCore

/// What to do to get the one Jira issue of a Guance issue.
public enum IssueLinkDecision: Sendable, Hashable {
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
    public struct Adoption: Sendable, Hashable {
        /// The issue to link.
        public var issue: FoundJiraIssue
        /// `created` when it is this writer's own earlier create, `adopted` when found by marker.
        public var provenance: LinkRecord.Provenance
        /// Whether only the old script's raw-UUID label marked it.
        public var foundByLegacyLabel: Bool
        /// Sync labels it lacks (to add).
        public var labelsToAdd: [String]
        /// Other issues carrying the same marker (duplicates to report, never touched).
        public var duplicates: [FoundJiraIssue]

        /// Creates an adoption.
        public init(
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
