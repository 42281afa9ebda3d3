/// What jira-poller last saw of one linked issue, to turn the next reading into changes.
package struct JiraIssueSyncState: Sendable, Hashable, Codable {
    /// The status id.
    package var statusId: String
    /// The status category key (`new`, `indeterminate`, `done`).
    package var categoryKey: String
    /// The assignee's identifier, `nil` when unassigned.
    package var assigneeId: String?
    /// Human comments by id.
    package var comments: [String: CommentState]
    /// `statuscategorychangedate` last seen (ms since 1970): a newer one with the same category
    /// means the status went away and came back between two polls.
    package var statusChangedMilliseconds: Int64?
    /// The priority id last seen (`""`: none); `nil` until first seen (a state from before priorities
    /// were tracked, or a fresh baseline), which seeds it without an event.
    package var priorityId: String?

    /// Creates a state.
    package init(statusId: String, categoryKey: String, assigneeId: String?, comments: [String: CommentState]) {
        self.statusId = statusId
        self.categoryKey = categoryKey
        self.assigneeId = assigneeId
        self.comments = comments
    }

    /// What was last seen of one comment.
    package struct CommentState: Sendable, Hashable, Codable {
        /// `updated` in milliseconds since the epoch (`nil` when Jira sent none).
        package var updatedMilliseconds: Int64?
        /// SHA-256 hex digest of the plain-text body.
        package var digest: String

        /// Creates a comment state.
        package init(updatedMilliseconds: Int64?, digest: String) {
            self.updatedMilliseconds = updatedMilliseconds
            self.digest = digest
        }
    }
}
