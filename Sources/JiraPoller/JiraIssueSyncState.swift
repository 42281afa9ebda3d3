/// What jira-poller last saw of one linked issue, to turn the next reading into changes.
public struct JiraIssueSyncState: Sendable, Hashable, Codable {
    /// The status id.
    public var statusId: String
    /// The status category key (`new`, `indeterminate`, `done`).
    public var categoryKey: String
    /// The assignee's identifier, `nil` when unassigned.
    public var assigneeId: String?
    /// Human comments by id.
    public var comments: [String: CommentState]
    /// `statuscategorychangedate` last seen (ms since 1970): a newer one with the same category
    /// means the status went away and came back between two polls.
    public var statusChangedMilliseconds: Int64?
    /// The priority id last seen (`""`: none); `nil` until first seen (a state from before priorities
    /// were tracked, or a fresh baseline), which seeds it without an event.
    public var priorityId: String?

    /// Creates a state.
    public init(statusId: String, categoryKey: String, assigneeId: String?, comments: [String: CommentState]) {
        self.statusId = statusId
        self.categoryKey = categoryKey
        self.assigneeId = assigneeId
        self.comments = comments
    }

    /// What was last seen of one comment.
    public struct CommentState: Sendable, Hashable, Codable {
        /// `updated` in milliseconds since the epoch (`nil` when Jira sent none).
        public var updatedMilliseconds: Int64?
        /// SHA-256 hex digest of the plain-text body.
        public var digest: String

        /// Creates a comment state.
        public init(updatedMilliseconds: Int64?, digest: String) {
            self.updatedMilliseconds = updatedMilliseconds
            self.digest = digest
        }
    }
}
