/// A field the sync keeps in step between a Guance issue and its Jira twin besides the status.
public enum SyncedField: String, Sendable, Hashable, Codable, CaseIterable {
    /// Guance `extend.manager` (accounts, teams, e-mails) ↔ the Jira assignee, through `users`.
    case assignee
    /// The Guance level ↔ the Jira priority, through `priorities`.
    case priority
}
