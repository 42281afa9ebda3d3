import Foundation
import JiraAPI
import JiraPoller
import Kafka
import Logging
import Metrics
import StageRuntime
import SyncCore

/// jira-poller on the ``PollerEngine``: each cycle searches the linked issues updated since the
/// cursor (minus the overlap), reads the comments of each new version and turns the differences
/// into events; the engine publishes them and, once Kafka acknowledged them, saves the
/// checkpoint. An issue is linked when the link table says so; labels only widen the search.
/// Status changes the status ledger already accounts for (the sync's own transitions) are
/// dropped before publishing.
struct JiraPollerPolicy: PollerPolicy {
    /// The Jira, Kafka and webhook pieces the policy uses.
    struct Parts: Sendable {
        let context: StageContext
        let jira: JiraClient
        let links: LinkStore
        let ledger: StatusLedger
        let receiver: JiraWebhookReceiver?
    }

    /// The crash point between "events acknowledged" and "checkpoint saved" (fault-injection tests).
    static let publishedCrashPoint = "jira_events_published"
    /// Fields every search returns.
    static let searchFields = [
        "status", "statuscategorychangedate", "resolution", "labels", "updated", "created", "assignee", "summary",
        "priority",
    ]
    /// How long an issue named by a webhook or a fresh link is sent as `reconcileIssues` (Cloud) and,
    /// while it may lack the label, searched by key.
    static let reconcileWindow: TimeInterval = 15 * 60
    /// Cloud's limit of `reconcileIssues` ids per search.
    static let reconcileLimit = 50
    /// The longest pause after failed polls.
    static let longestFailurePause: Duration = .seconds(300)

    let parts: Parts
    let detector: IssueChangeDetector
    let profileTimeZone: TimeZone?
    let projects: [String]
    /// Which linked issues are searched by key, and when the routed projects are swept.
    let watch: LinkedIssueWatch
    let interval: Duration
    /// How far Jira's clock is ahead of this host's: a first start begins at Jira's "now".
    let jiraClockLead: TimeInterval
    /// Linked keys Jira refused lately, left out of the searches for a while.
    let refusedKeys = RefusedIssueKeys()

    private var logger: Logger { parts.context.logger }
    private var overlapMinutes: Int { parts.context.configuration.jira.overlapMinutes }

    init(parts: Parts, syncAccount: JiraSyncAccount, profileTimeZone: TimeZone?, jiraClockLead: TimeInterval = 0) {
        self.jiraClockLead = jiraClockLead
        self.parts = parts
        let configuration = parts.context.configuration
        detector = IssueChangeDetector(configuration: configuration, syncAccount: syncAccount)
        self.profileTimeZone = profileTimeZone
        projects = configuration.routing.projects
        watch = LinkedIssueWatch(
            label: configuration.jira.labels.first, sweepInterval: Double(configuration.jira.projectSweepSeconds),
            freshLinkWindow: Self.reconcileWindow)
        interval = .seconds(max(1, configuration.jira.pollIntervalSeconds))
    }

    var name: String { JiraPollCheckpointState.pollerName }
    var eventTopic: SyncTopic { .jiraEvents }
    var readinessCheck: String { "jira" }
    var publishedCrashPoint: String { Self.publishedCrashPoint }
    var idleCheckpointInterval: Duration { .seconds(60) }

    func initialState(now: Date) -> JiraPollerProgress {
        let jiraNow = now.addingTimeInterval(jiraClockLead)
        return JiraPollerProgress(
            deduplicator: JiraPollDeduplicator(cursor: jiraNow, overlapMinutes: overlapMinutes), issues: [:],
            watchingSince: jiraNow)
    }

    func checkpoint(of progress: JiraPollerProgress) -> PollerCheckpointParts<JiraPollerProgress.Summary, JiraPollerProgress.Item> {
        progress.parts
    }

    func restore(_ parts: PollerCheckpointParts<JiraPollerProgress.Summary, JiraPollerProgress.Item>) -> JiraPollerProgress {
        JiraPollerProgress(parts: parts, overlapMinutes: overlapMinutes)
    }

    func restoreLegacy(_ records: [String: PollerCheckpoint]) -> (state: JiraPollerProgress, offsets: [Int32: Int64])? {
        JiraLegacyCheckpoint.restore(from: records, overlapMinutes: overlapMinutes).map { ($0.progress, $0.offsets) }
    }

    func fold(_ event: SyncEvent, into progress: inout JiraPollerProgress) {
        progress.fold(event)
    }

    func resume(_ progress: inout JiraPollerProgress, from start: PollerStart, now: Date) {
        guard case .checkpoint(_, _, let replayed) = start else {
            logger.info("no checkpoint: watching linked issues from now on")
            return
        }
        logger.info("resumed from checkpoint", metadata: [
            "cursor": "\(progress.deduplicator.cursor)", "issues": "\(progress.issues.count)",
            "events_after_checkpoint": "\(replayed)",
        ])
    }

    func pause(afterFailures failures: Int) -> Duration {
        min(interval * failures, Self.longestFailurePause)
    }

    func readinessDetail(for error: any Error) -> String { "last poll failed" }

    /// One cycle from `progress`: what changed on the linked issues since the cursor.
    func cycle(from progress: JiraPollerProgress, now: Date) async throws -> PollCycle<JiraPollerProgress> {
        try await parts.links.catchUp()
        let table = parts.links.table
        var guanceByJiraId: [String: String] = [:]
        var links: [LinkedIssueWatch.Link] = []
        // A detached pair (its Jira issue was deleted, `policies.jiraIssueDeleted: unlink`) is not watched.
        for record in table.records where record.kind == .issue && !record.isDetached {
            guanceByJiraId[record.jiraIssueId] = record.guanceIssueUUID
            links.append(.init(id: record.jiraIssueId, key: record.jiraIssueKey, linkedAt: record.linkedAt))
        }
        let settings = parts.context.configuration.jira
        let hostNow = parts.context.hostNow()
        // Issues a webhook named lately, newest first: searched by key, and reconciled on Cloud.
        let named = parts.receiver?.issueIds(receivedSince: hostNow.addingTimeInterval(-Self.reconcileWindow)) ?? []
        let sweeps = watch.sweepIsDue(secondsSinceLastSweep: progress.lastSweep.map { (ContinuousClock.now - $0).seconds })
        // What the sweep will have read up to: Jira's clock now (the overlap covers the index lag).
        let sweepStart = hostNow.addingTimeInterval(jiraClockLead)
        let query = JiraPollQuery(
            projects: projects, label: watch.label,
            linkedKeys: watch.keysToSearch(
                links, unlabelled: progress.unlabelled, isRead: { progress.issues[$0] != nil }, named: Set(named), now: hostNow),
            cursor: progress.deduplicator.cursor, sweepFrom: sweeps ? (progress.sweptThrough ?? progress.deduplicator.cursor) : nil,
            overlapMinutes: settings.overlapMinutes, profileTimeZone: profileTimeZone)
        let reconcile = Self.reconcileIssueIds(links, named: named, now: hostNow)
        var next = progress
        var pending = progress.replayed
        var events: [SyncEvent] = []
        let observedAt = hostNow
        let found = try await searchAll(query, reconcile: reconcile, now: now)
        let echoes = LedgerEchoFilter(ledger: parts.ledger, logger: logger)
        for issue in found {
            // Only the link table says which Guance issue a Jira issue mirrors: an issue found by
            // the label alone (not linked yet, or carrying labels it was never given by the sync)
            // produces nothing and is not admitted, so it is read afresh once it is linked.
            guard let guanceIssueUUID = guanceByJiraId[issue.id] else { continue }
            if let lacks = watch.lacksLabel(issue.fields.labels) {
                if lacks { next.unlabelled.insert(issue.id) } else { next.unlabelled.remove(issue.id) }
            }
            guard next.deduplicator.admit(issue) else { continue }
            let comments = try await parts.jira.comments(issue: issue.id).collect()
            var previous = next.issues[issue.id] ?? baseline(issue, watchingSince: progress.watchingSince)
            if let replay = pending.removeValue(forKey: issue.id), let base = previous {
                previous = replay.reduce(base) { $0.applying($1) }
            }
            let detected = detector.detect(
                issue: issue, comments: comments, previous: previous, guanceIssueUUID: guanceIssueUUID,
                observedAt: observedAt, ledgerReadings: echoes.knownJiraReadings(jiraIssueId: issue.id, table: table))
            next.issues[issue.id] = detected.state
            next.observed[issue.id] = observedAt.epochMilliseconds
            events += detected.events
        }
        events = try await echoes.withoutEchoes(events, table: table)
        next.deduplicator.prune()
        next.unlabelled.formIntersection(guanceByJiraId.keys)
        if sweeps {
            next.lastSweep = ContinuousClock.now
            next.sweptThrough = sweepStart
        }
        // The first cycle after a restart reads from the restored cursor, so it met every replayed
        // issue still linked; the rest (deleted or unlinked since) will not come back.
        if !pending.isEmpty {
            logger.info("replayed events of issues no longer found dropped", metadata: ["issues": "\(pending.count)"])
        }
        next.replayed = [:]
        return PollCycle(state: next, events: events, backlog: 0, nextCycle: interval)
    }

    /// Every issue the query's statements match, in statement order (an issue may come twice; the
    /// de-duplicator drops the repeat). Keys Jira refused lately are left out (``RefusedIssueKeys``).
    private func searchAll(_ query: JiraPollQuery, reconcile: [Int], now: Date) async throws -> [JiraIssue] {
        var searchable = query
        searchable.linkedKeys = refusedKeys.searchable(query.linkedKeys, at: now)
        var found: [JiraIssue] = []
        for statement in searchable.namedStatements() {
            found += try await search(statement, of: searchable, reconcile: reconcile, now: now)
        }
        return found
    }

    /// One statement's issues. A `key in (…)` chunk Jira rejects (400: it names an issue that no
    /// longer exists) loses only the refused keys: the ones Jira's messages name are left out and
    /// the rest searched again; when the messages name none, the chunk is split in halves until
    /// the refused keys stand alone, and a lone key counts as refused only when Jira says it does
    /// not exist (404). Each refused key is logged and left out for a while; any other 400 fails
    /// the cycle, loudly, instead of dropping keys.
    private func search(
        _ statement: (keys: [String], jql: String), of query: JiraPollQuery, reconcile: [Int], now: Date
    ) async throws -> [JiraIssue] {
        do {
            return try await search(statement.jql, reconcile: reconcile)
        } catch let error as JiraAPIError where error.httpStatus == 400 && !statement.keys.isEmpty {
            let messages = (error.errorCollection?.errorMessages ?? []) + Array((error.errorCollection?.fieldErrors ?? [:]).values)
            let named = statement.keys.filter { key in messages.contains { RefusedIssueKeys.message($0, names: key) } }
            if !named.isEmpty {
                for key in named { refuse(key, error: error, now: now) }
                let rest = statement.keys.filter { !named.contains($0) }
                return try await search(keys: rest, of: query, reconcile: reconcile, now: now)
            }
            guard statement.keys.count > 1 else {
                let key = statement.keys[0]
                guard try await issueIsGone(key) else { throw error }
                refuse(key, error: error, now: now)
                return []
            }
            let half = statement.keys.count / 2
            return try await search(keys: Array(statement.keys[..<half]), of: query, reconcile: reconcile, now: now)
                + search(keys: Array(statement.keys[half...]), of: query, reconcile: reconcile, now: now)
        }
    }

    /// The issues of `keys` alone (no label statement, no sweep), with refusals handled as in ``search(_:of:reconcile:now:)``.
    private func search(keys: [String], of query: JiraPollQuery, reconcile: [Int], now: Date) async throws -> [JiraIssue] {
        guard !keys.isEmpty else { return [] }
        var narrower = query
        narrower.label = nil
        narrower.sweepFrom = nil
        narrower.linkedKeys = keys
        var found: [JiraIssue] = []
        for statement in narrower.namedStatements() {
            found += try await search(statement, of: query, reconcile: reconcile, now: now)
        }
        return found
    }

    /// Whether Jira answers 404 for `key` (deleted, or no longer visible to the sync account).
    private func issueIsGone(_ key: String) async throws -> Bool {
        do {
            _ = try await parts.jira.issue(key, fields: ["updated"])
            return false
        } catch let error as JiraAPIError where error.isNotFound {
            return true
        }
    }

    private func refuse(_ key: String, error: JiraAPIError, now: Date) {
        refusedKeys.refuse(key, at: now)
        logger.warning("Jira refuses a linked issue's key in searches; left out of them for a while", metadata: [
            "jira.issue": "\(key)", "retry_after_seconds": "\(Int(refusedKeys.retryAfter))", "error": "\(error)",
        ])
    }

    /// Every issue a statement matches, across pages.
    private func search(_ jql: String, reconcile: [Int]) async throws -> [JiraIssue] {
        try await parts.jira.search(JiraSearchQuery(jql: jql, fields: Self.searchFields, reconcileIssueIds: reconcile))
            .collect()
    }

    /// The state a never-seen issue is compared with: an empty baseline when it was created while
    /// the poller was watching (everything a human did on it is new), else `nil` (first sight of an
    /// older issue seeds the state without events: history from before the link is not replayed).
    private func baseline(_ issue: JiraIssue, watchingSince: Date) -> JiraIssueSyncState? {
        guard let created = issue.fields.created, created >= watchingSince.addingTimeInterval(-Double(overlapMinutes) * 60)
        else { return nil }
        return JiraIssueSyncState.baseline(
            for: issue.fields.status?.id ?? "", categoryKey: issue.fields.status?.category?.key ?? "new", created: created)
    }

    /// Issues a lagging Cloud search index might still miss: named by a recent webhook, or linked
    /// recently by the jira-writer (stamped by its host: the window is widened by the clocks' tolerance),
    /// among the watched `links` the cycle collected. Sent as `reconcileIssues` (ignored by Data Center).
    private static func reconcileIssueIds(_ links: [LinkedIssueWatch.Link], named: [String], now: Date) -> [Int] {
        let since = now.addingTimeInterval(-reconcileWindow - HostClocks.tolerance)
        var ids = named
        let fresh = links.filter { $0.linkedAt >= since }.sorted { $0.linkedAt > $1.linkedAt }
        ids += fresh.map(\.id)
        var seen = Set<Int>()
        return ids.compactMap(Int.init).filter { seen.insert($0).inserted }.prefix(Self.reconcileLimit).map { $0 }
    }
}
