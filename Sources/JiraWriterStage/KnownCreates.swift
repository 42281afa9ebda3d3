import JiraWriter
import Synchronization

/// Jira issues this process created whose link is not recorded yet (the link write failed), by
/// Guance issue: the next attempt links them instead of searching (search may not show them yet).
final class KnownCreates: Sendable {
    private let issues = Mutex<[String: FoundJiraIssue]>([:])

    /// Remembers the issue created for `guanceIssueUUID`.
    func remember(_ guanceIssueUUID: String, id: String, key: String) {
        issues.withLock { $0[guanceIssueUUID] = FoundJiraIssue(id: id, key: key, labels: []) }
    }

    /// The remembered issue, if any.
    func issue(for guanceIssueUUID: String) -> FoundJiraIssue? {
        issues.withLock { $0[guanceIssueUUID] }
    }

    /// Forgets the issue once its link is recorded.
    func forget(_ guanceIssueUUID: String) {
        _ = issues.withLock { $0.removeValue(forKey: guanceIssueUUID) }
    }
}
