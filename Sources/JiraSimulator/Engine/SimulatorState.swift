import Foundation

/// All mutable simulator state; guarded by the engine's mutex.
struct SimulatorState: Sendable {
    var clock = SimulatorClock()
    var searchIndexLag: Duration
    var issues: [Int: IssueRecord] = [:]
    var issueIdsByKey: [String: Int] = [:]
    /// Versions as the search index sees them, oldest first.
    var history: [Int: [IssueVersion]] = [:]
    var comments: [Int: CommentRecord] = [:]
    var remoteLinks: [Int: RemoteLinkRecord] = [:]
    var nextIssueId = 10000
    var nextCommentId = 10000
    var nextRemoteLinkId = 10000
    var issueCounters: [String: Int] = [:]
    var faults: [JiraSimulatorFault] = []
    /// The share of product requests (0…1) that meet a random fault (``SimulatorEngine/randomFault(_:state:)``).
    var randomFaultRate = 0.0
    /// Random faults served so far, by kind.
    var randomFaultCounts: [String: Int] = [:]
    /// Requests seen, keyed by `"METHOD /route/template status"`.
    var requestCounts: [String: Int] = [:]
    /// The JQL of the latest product searches, oldest first (at most ``recentSearchLimit``).
    var recentSearches: [String] = []
    /// How many searches ``recentSearches`` keeps.
    static let recentSearchLimit = 500
    var rateLimiter = RateLimiterState()
    var webhooks: [WebhookRegistration] = []
    var webhookOutbox: [WebhookDelivery] = []
    var nextWebhookEventId = 1
    /// Every status change, oldest first (the issues' changelog of `status` items).
    var transitions: [TransitionRecord] = []

    init(searchIndexLag: Duration) {
        self.searchIndexLag = searchIndexLag
    }

    var now: Date { clock.now }

    /// Resolves an id or key (case-insensitive) to the current issue.
    func issue(_ idOrKey: String) -> IssueRecord? {
        if let id = Int(idOrKey) { return issues[id] }
        return issueIdsByKey[idOrKey.uppercased()].flatMap { issues[$0] }
    }

    /// Stores `issue` as the current state and records a search-index version.
    mutating func save(_ issue: IssueRecord) {
        issues[issue.id] = issue
        issueIdsByKey[issue.key] = issue.id
        recordVersion(id: issue.id, issue)
    }

    /// Appends an index version and drops the ones the lagged index can no longer show.
    mutating func recordVersion(id: Int, _ issue: IssueRecord?) {
        var versions = history[id, default: []]
        versions.append(IssueVersion(indexedAt: now, issue: issue))
        let horizon = now.addingTimeInterval(-searchIndexLag.timeInterval)
        if let visible = versions.lastIndex(where: { $0.indexedAt <= horizon }), visible > 0 {
            versions.removeFirst(visible)
        }
        history[id] = versions
    }

    mutating func deleteIssue(_ id: Int) {
        guard let issue = issues.removeValue(forKey: id) else { return }
        issueIdsByKey[issue.key] = nil
        recordVersion(id: id, nil)
        comments = comments.filter { $0.value.issueId != id }
        remoteLinks = remoteLinks.filter { $0.value.issueId != id }
    }

    /// The issues the search index shows: the state as of `now − lag`, except reconciled ids (current state).
    func searchableIssues(reconciling reconciled: Set<Int>) -> [IssueRecord] {
        let horizon = now.addingTimeInterval(-searchIndexLag.timeInterval)
        var visible: [IssueRecord] = []
        for (id, versions) in history {
            if reconciled.contains(id) {
                if let current = issues[id] { visible.append(current) }
            } else if let version = versions.last(where: { $0.indexedAt <= horizon }), let issue = version.issue {
                visible.append(issue)
            }
        }
        return visible
    }

    /// Comments of an issue, oldest first.
    func comments(of issueId: Int) -> [CommentRecord] {
        comments.values.filter { $0.issueId == issueId }.sorted { ($0.created, $0.id) < ($1.created, $1.id) }
    }
}
