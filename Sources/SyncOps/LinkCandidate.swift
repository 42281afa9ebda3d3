import Foundation

/// A pair found in Jira by `syncctl links rebuild`: a Jira issue that says which Guance issue it
/// mirrors, and the comments on it that say which Guance reply they mirror.
package struct LinkCandidate: Sendable, Hashable, Codable {
    /// How the Guance issue was recognised.
    package enum Evidence: String, Sendable, Hashable, Codable {
        /// The sync's issue property (`jira.propertyKey`, `{issueUuid, origin:"guance"}`).
        case property
        /// The sync's label `guance-<uuid>`.
        case label
        /// The old DataFlux Func script's label: the raw Guance issue UUID.
        case legacyLabel = "legacy-label"
    }

    /// A comment the sync wrote for a Guance reply (found by its comment property).
    package struct Comment: Sendable, Hashable, Codable {
        /// The Guance reply UUID.
        package var guanceReplyUUID: String
        /// The Jira comment id.
        package var jiraCommentId: String

        /// Creates a comment pair.
        package init(guanceReplyUUID: String, jiraCommentId: String) {
            self.guanceReplyUUID = guanceReplyUUID
            self.jiraCommentId = jiraCommentId
        }
    }

    /// The Guance issue UUID.
    package var guanceIssueUUID: String
    /// The Jira issue id.
    package var jiraIssueId: String
    /// The Jira issue key.
    package var jiraIssueKey: String
    /// How it was recognised.
    package var evidence: Evidence
    /// Comments mirroring Guance replies.
    package var comments: [Comment]

    /// Creates a candidate.
    package init(guanceIssueUUID: String, jiraIssueId: String, jiraIssueKey: String, evidence: Evidence, comments: [Comment] = []) {
        self.guanceIssueUUID = guanceIssueUUID
        self.jiraIssueId = jiraIssueId
        self.jiraIssueKey = jiraIssueKey
        self.evidence = evidence
        self.comments = comments
    }
}
