/// What to do with a Jira comment (or Guance reply) whose source was deleted.
public enum DeletionPolicy: String, Sendable, Hashable, Codable, CaseIterable {
    /// Keep the mirrored comment and append a "deleted in Guance/Jira" note to it (default).
    case note
    /// Delete the mirrored comment too.
    case delete
    /// Leave the mirrored comment as it is.
    case ignore
}

/// How the Jira key and URL are posted back onto the Guance issue (once).
public enum BacklinkMode: String, Sendable, Hashable, Codable, CaseIterable {
    /// Add an entry to `extend.linkList`, preserving the rest of `extend` (default).
    case linkList
    /// Post a reply carrying the link.
    case reply
    /// Do not post anything back.
    case none
}

/// What a Guance issue reopened after its Jira issue was resolved does in Jira.
public enum ReopenPolicy: String, Sendable, Hashable, Codable, CaseIterable {
    /// Transition the Jira issue back to a `new`/`indeterminate` status (default).
    case reopen
    /// Only add a comment saying the problem recurred.
    case comment
    /// Create a new Jira issue linked to the resolved one.
    case newIssue
}

/// Which side wins when both changed status since the last sync.
public enum ConflictRule: String, Sendable, Hashable, Codable, CaseIterable {
    /// The most recent change wins (default).
    case mostRecent
    /// Guance's status wins.
    case guance
    /// Jira's status wins.
    case jira
}
