/// What to do with a Jira comment (or Guance reply) whose source was deleted.
public enum DeletionPolicy: String, Sendable, Hashable, Codable, CaseIterable {
    /// Keep the mirrored comment and append a "deleted in Guance/Jira" note to it (default).
    case note
    /// Delete the mirrored comment too.
    case delete
    /// Leave the mirrored comment as it is.
    case ignore
}

/// What happens to a Guance reply written through another integration's API key (`creator` is a
/// `wsak_…` key that is not the sync's own, e.g. a PagerDuty or ServiceNow integration).
public enum IntegrationReplyPolicy: String, Sendable, Hashable, Codable, CaseIterable {
    /// Not mirrored (default): the sync carries what people write; an integration's notes are not a
    /// person's, and another bridge writing back what it read from Jira could otherwise ping-pong
    /// with this one, since only this sync's own key and marker are recognised.
    case skip
    /// Mirrored, attributed to the integration's key name, marked as an integration, never as a person.
    case mirror
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

/// What jira-writer does when a person deleted the Jira issue of a linked Guance issue (Jira answers
/// 404 for it, and a fresh read confirms it).
public enum JiraIssueDeletedPolicy: String, Sendable, Hashable, Codable, CaseIterable {
    /// Create a new Jira issue for the Guance issue (the link now points at it) with a comment naming
    /// the deleted one; the event is then applied to the new issue (default). Earlier comments are
    /// not copied again.
    case recreate
    /// Stop syncing the pair: the link stays in the table, marked with the deletion, and every later
    /// event of the Guance issue changes nothing (one log line).
    case unlink
    /// Dead-letter every event of the Guance issue (reason `jira-issue-deleted`), for an operator.
    case deadLetter
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

/// What a Jira assignee (a person assigning the Jira issue) does to the Guance issue's assignees
/// (`extend.manager`, which may hold several accounts, teams and e-mails).
public enum JiraAssigneePolicy: String, Sendable, Hashable, Codable, CaseIterable {
    /// The mapped Guance account is added to the assignees; nobody is removed, and unassigning the
    /// Jira issue changes nothing in Guance (default).
    case add
    /// The mapped Guance account becomes the only assignee; unassigning the Jira issue clears them.
    case replace
}

/// Whether the side the sync writes an assignee or priority change to gets a short note saying who
/// changed what on the other side (the write itself is done by the sync's account or key).
public enum ChangeNotes: String, Sendable, Hashable, CaseIterable, Decodable {
    /// A note (a Jira comment, a Guance reply) per carried change (default).
    case on
    /// No note.
    case off

    /// Decodes `on` / `off`, and YAML's `true` / `false` (YAML 1.1 reads an unquoted `on` as a boolean).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let flag = try? container.decode(Bool.self) {
            self = flag ? .on : .off
            return
        }
        let text = try container.decode(String.self)
        guard let value = ChangeNotes(rawValue: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected on or off, got \(text)")
        }
        self = value
    }
}
