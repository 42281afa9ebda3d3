import JiraAPI
import JiraWriter
import Synchronization
import SyncCore

/// What jira-writer needs to apply the ``AdoptionRule`` to a label search: the sync's own account
/// (`GET /myself`, asked once, the first time a search finds anything) and the issues already
/// reported as refused (each is warned about once per process, not on every retry).
final class AdoptionGuard: Sendable {
    private let account = Mutex<JiraSyncAccount?>(nil)
    private let reported = Mutex<Set<String>>([])

    /// The rule for judging `matches`: with the sync account when there is anything to judge.
    func rule(for matches: [FoundJiraIssue], configuration: SyncConfiguration, jira: JiraClient) async throws -> AdoptionRule {
        guard !matches.isEmpty else { return AdoptionRule(configuration: configuration, syncAccount: nil) }
        if let known = account.withLock({ $0 }) { return AdoptionRule(configuration: configuration, syncAccount: known) }
        let myself = JiraSyncAccount(myself: try await jira.myself())
        account.withLock { $0 = myself }
        return AdoptionRule(configuration: configuration, syncAccount: myself)
    }

    /// Whether the refused Jira issue `issueId` is reported for the first time (then it is remembered).
    func isFirstReport(of issueId: String) -> Bool {
        reported.withLock { $0.insert(issueId).inserted }
    }
}
