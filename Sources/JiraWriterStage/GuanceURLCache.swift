import Synchronization

/// The Guance console link of each Jira issue this process wrote or read the sync state of, so a
/// reply's attribution does not read the issue property again (a new reply is then one Jira call:
/// the add). The link never changes once written; the cache is bounded.
final class GuanceURLCache: Sendable {
    private let urls = Mutex<[String: String]>([:])
    /// The most issues remembered (a few MB at most); beyond it an arbitrary one is forgotten.
    static let limit = 20_000

    /// The link of Jira issue `jiraIssueId`, if known.
    func url(of jiraIssueId: String) -> String? {
        urls.withLock { $0[jiraIssueId] }
    }

    /// Remembers the link of Jira issue `jiraIssueId`.
    func remember(_ url: String, of jiraIssueId: String) {
        urls.withLock { urls in
            if urls.count >= Self.limit, urls[jiraIssueId] == nil, let any = urls.keys.first { urls.removeValue(forKey: any) }
            urls[jiraIssueId] = url
        }
    }
}
