import Foundation

/// A pair found in Jira by `syncctl links rebuild`: a Jira issue that says which Guance issue it
/// mirrors, and the comments on it that say which Guance reply they mirror.
public struct LinkCandidate: Sendable, Hashable, Codable {
    /// How the Guance issue was recognised.
    public enum Evidence: String, Sendable, Hashable, Codable {
        /// The sync's issue property (`jira.propertyKey`, `{issueUuid, origin:"guance"}`).
        case property
        /// The sync's label `guance-<uuid>`.
        case label
        /// The old DataFlux Func script's label: the raw Guance issue UUID.
        case legacyLabel = "legacy-label"
    }

    /// A comment the sync wrote for a Guance reply (found by its comment property).
    public struct Comment: Sendable, Hashable, Codable {
        /// The Guance reply UUID.
        public var guanceReplyUUID: String
        /// The Jira comment id.
        public var jiraCommentId: String

        /// Creates a comment pair.
        public init(guanceReplyUUID: String, jiraCommentId: String) {
            self.guanceReplyUUID = guanceReplyUUID
            self.jiraCommentId = jiraCommentId
        }
    }

    /// The Guance issue UUID.
    public var guanceIssueUUID: String
    /// The Jira issue id.
    public var jiraIssueId: String
    /// The Jira issue key.
    public var jiraIssueKey: String
    /// How it was recognised.
    public var evidence: Evidence
    /// Comments mirroring Guance replies.
    public var comments: [Comment]

    /// Creates a candidate.
    public init(guanceIssueUUID: String, jiraIssueId: String, jiraIssueKey: String, evidence: Evidence, comments: [Comment] = []) {
        self.guanceIssueUUID = guanceIssueUUID
        self.jiraIssueId = jiraIssueId
        self.jiraIssueKey = jiraIssueKey
        self.evidence = evidence
        self.comments = comments
    }
}
