/// Names of the origin markers the sync puts on everything it writes, shared by the pollers (which
/// skip marked records) and the writers (which add the marks). Plain strings, so SyncCore stays
/// independent of the service API libraries.
public enum SyncMarkers {
    /// The marker a Guance reply mirrored from a Jira comment carries in its `extend`.
    ///
    /// Shape: `extend.guanceJiraSync = {"origin": "jira", "commentId": "10001", "issueKey": "OPS-24",
    /// "commentUpdatedAt": 1795996800000}`.
    public enum GuanceReply {
        /// The `extend` key holding the marker object.
        public static let extendKey = "guanceJiraSync"
        /// The field naming the side the reply came from.
        public static let originField = "origin"
        /// The value of ``originField`` for replies mirrored from Jira.
        public static let jiraOrigin = "jira"
        /// The field holding the Jira comment id.
        public static let commentIDField = "commentId"
        /// The field holding the Jira issue key at the time of writing.
        public static let issueKeyField = "issueKey"
        /// The field holding the version of the Jira comment the reply mirrors: its last edit time
        /// (or creation time) in epoch milliseconds, so a replayed older edit is recognised as stale.
        public static let commentUpdatedField = "commentUpdatedAt"
    }
}
