import Foundation
import JiraAPI
import JiraPoller
import Kafka
import Logging
import Metrics
import StageRuntime
import SyncCore

/// jira-poller's cycle: search the linked issues updated since the cursor (minus the overlap), read
/// the comments of each new version, turn the differences into events, publish them, and only once
/// Kafka acknowledged them save the checkpoint. An issue is linked when the link table says so;
/// labels only widen the search.
struct JiraPollLoop {
    /// The Jira, Kafka and webhook pieces one loop uses.
    struct Parts {
        let context: StageContext
        let jira: JiraClient
        let publisher: EventPublisher
        let links: LinkStore
        let ledger: StatusLedger
        let checkpoints: CheckpointStore
        let admin: KafkaAdmin
        let eventReader: PublishedEventReader
        let receiver: JiraWebhookReceiver?
    }

    /// The crash point between "events acknowledged" and "checkpoint saved" (fault-injection tests).
    static let publishedCrashPoint = "jira_events_published"
    /// Fields every search returns.
    static let searchFields = [
        "status", "statuscategorychangedate", "resolution", "labels", "updated", "created", "assignee", "summary",
    ]
    /// How long an issue named by a webhook or a fresh link is sent as `reconcileIssues` (Cloud).
    static let reconcileWindow: TimeInterval = 15 * 60
    /// Cloud's limit of `reconcileIssues` ids per search.
    static let reconcileLimit = 50
    /// A checkpoint is saved at least this often even when nothing changed (keeps its age low).
    static let idleCheckpointInterval: TimeInterval = 60

    let parts: Parts
    let detector: IssueChangeDetector
    let profileTimeZone: TimeZone?
    let projects: [String]
    private(set) var state: JiraPollCheckpointState
    /// Issues created after this instant are new to the sync: their first reading is compared with
    /// an empty baseline instead of being taken as the starting point.
    let watchingSince: Date
    /// Events published after the checkpoint for issues without a checkpointed state, folded in
    /// when the issue is read by the first cycle after the restart.
    private var replayed: [String: [SyncEvent]]
    private var lastSaved: Date?

    private var logger: Logger { parts.context.logger }

    /// Restores the loop from the stored checkpoint and the events published after it.
    init(parts: Parts, syncAccount: JiraSyncAccount, profileTimeZone: TimeZone?) async throws {
        self.parts = parts
        let configuration = parts.context.configuration
        detector = IssueChangeDetector(configuration: configuration, syncAccount: syncAccount)
        self.profileTimeZone = profileTimeZone
        projects = configuration.routing.projects
        let overlap = configuration.jira.overlapMinutes
        let records = parts.checkpoints.checkpoints(of: JiraPollCheckpointState.pollerName)
        guard let checkpoint = JiraPollCheckpointRecords.merge(records) else {
            let now = Date()
            state = JiraPollCheckpointState(deduplicator: JiraPollDeduplicator(cursor: now, overlapMinutes: overlap), issues: [:])
            watchingSince = now
            replayed = [:]
            parts.context.logger.info("no checkpoint: watching linked issues from now on")
            return
        }
        var restored = JiraPollCheckpointState(checkpoint: checkpoint, overlapMinutes: overlap)
        watchingSince = checkpoint.state[JiraPollCheckpointRecords.watchingSinceKey]
            .flatMap(Int64.init).map { Date(timeIntervalSince1970: Double($0) / 1000) } ?? checkpoint.cursor
        let offsets = JiraPollCheckpointRecords.offsets(in: checkpoint)
        let published = offsets.isEmpty ? [] : try await parts.eventReader.events(from: offsets)
        var pending: [String: [SyncEvent]] = [:]
        for event in published where event.origin == .jira {
            if let issue = restored.issues[event.key] {
                restored.issues[event.key] = issue.applying(event)
            } else {
                pending[event.key, default: []].append(event)
            }
        }
        state = restored
        replayed = pending
        lastSaved = checkpoint.writtenAt
        parts.context.logger.info("resumed from checkpoint", metadata: [
            "cursor": "\(checkpoint.cursor)", "issues": "\(restored.issues.count)",
            "events_after_checkpoint": "\(published.count)",
        ])
    }

    /// Polls until the process stops (``StageShutdown``): a cycle, then a wait of the poll
    /// interval or until `trigger` fires. A stop ends the wait, or the cycle's waits for Jira.
    mutating func run(trigger: PollTrigger) async {
        let interval = Duration.seconds(max(1, parts.context.configuration.jira.pollIntervalSeconds))
        var failures = 0
        while !StageShutdown.isRequested {
            do {
                try await cycle()
                failures = 0
                parts.context.readiness.set("jira", ready: true)
            } catch {
                if StageShutdown.isRequested { break }
                failures += 1
                parts.context.readiness.set("jira", ready: false, detail: "last poll failed")
                logger.warning("poll failed; retrying", metadata: ["error": "\(error)", "failures": "\(failures)"])
            }
            let age = lastSaved.map { Date().timeIntervalSince($0) } ?? 0
            Gauge(label: StageMetricName.checkpointAge, dimensions: [("stage", parts.context.stage)]).record(age)
            let backoff = failures == 0 ? interval : min(interval * failures, .seconds(300))
            await StageShutdown.cancellingAtShutdown { await trigger.wait(upTo: backoff) }
        }
    }

    /// One cycle. Nothing is remembered unless the events were acknowledged.
    mutating func cycle() async throws {
        try await parts.links.catchUp()
        let table = parts.links.table
        var guanceByJiraId: [String: String] = [:]
        var linkedKeys: [String] = []
        for record in table.records where record.kind == .issue {
            guanceByJiraId[record.jiraIssueId] = record.guanceIssueUUID
            linkedKeys.append(record.jiraIssueKey)
        }
        let settings = parts.context.configuration.jira
        let query = JiraPollQuery(
            projects: projects, label: settings.labels.first, linkedKeys: linkedKeys, cursor: state.deduplicator.cursor,
            overlapMinutes: settings.overlapMinutes, profileTimeZone: profileTimeZone)
        let reconcile = reconcileIssueIds(table)
        var next = state
        var pending = replayed
        let hadPendingReplay = !replayed.isEmpty
        var events: [SyncEvent] = []
        var admitted = 0
        let observedAt = Date()
        let found = try await searchAll(query, reconcile: reconcile)
        let backlog = Gauge(label: StageMetricName.pollerBacklog, dimensions: [("stage", parts.context.stage)])
        for (index, issue) in found.enumerated() {
            backlog.record(Double(found.count - index))
            // Only the link table says which Guance issue a Jira issue mirrors: an issue found by
            // the label alone (not linked yet, or carrying labels it was never given by the sync)
            // produces nothing and is not admitted, so it is read afresh once it is linked.
            guard let guanceIssueUUID = guanceByJiraId[issue.id] else { continue }
            guard next.deduplicator.admit(issue) else { continue }
            admitted += 1
            let comments = try await parts.jira.comments(issue: issue.id).collect()
            var previous = next.issues[issue.id] ?? baseline(issue)
            if let replay = pending.removeValue(forKey: issue.id), let base = previous {
                previous = replay.reduce(base) { $0.applying($1) }
            }
            let detected = detector.detect(
                issue: issue, comments: comments, previous: previous,
                guanceIssueUUID: guanceIssueUUID,
                observedAt: observedAt)
            next.issues[issue.id] = detected.state
            events += detected.events
        }
        backlog.record(0.0)
        events = try await withoutEchoes(events, table: table)
        next.deduplicator.prune()
        try await parts.publisher.publish(events)
        if !events.isEmpty {
            logger.info("published", metadata: ["events": "\(events.count)", "issues_read": "\(admitted)"])
            parts.context.crashPoint(Self.publishedCrashPoint)
        }
        let changed = admitted > 0 || next.deduplicator != state.deduplicator || hadPendingReplay
        state = next
        // The first cycle after a restart reads from the restored cursor, so it met every replayed
        // issue still linked; the rest (deleted or unlinked since) will not come back.
        if !pending.isEmpty {
            logger.info("replayed events of issues no longer found dropped", metadata: ["issues": "\(pending.count)"])
        }
        replayed = [:]
        let now = Date()
        if changed || lastSaved.map({ now.timeIntervalSince($0) >= Self.idleCheckpointInterval }) ?? true {
            try await saveCheckpoint(at: now)
        }
    }

    private mutating func saveCheckpoint(at now: Date) async throws {
        var checkpoint = state.checkpoint(scope: JiraPollCheckpointRecords.cursorScope, writtenAt: now)
        let offsets = try await parts.eventReader.endOffsets(using: parts.admin)
        for (partition, offset) in offsets {
            checkpoint.state[JiraPollCheckpointRecords.offsetPrefix + String(partition)] = String(offset)
        }
        checkpoint.state[JiraPollCheckpointRecords.watchingSinceKey] =
            String(Int64((watchingSince.timeIntervalSince1970 * 1000).rounded(.down)))
        try await parts.checkpoints.save(JiraPollCheckpointRecords.split(checkpoint))
        lastSaved = now
    }

    /// `events` without the status changes the status ledger already accounts for: the sync's own
    /// transitions (jira-writer records Jira's version of each) never reach guance-writer's queue,
    /// where they would wait in front of people's changes. Read-before-write in guance-writer
    /// stays the guard for an echo that arrives before its record.
    private func withoutEchoes(_ events: [SyncEvent], table: LinkTable) async throws -> [SyncEvent] {
        guard events.contains(where: { $0.type == .jiraIssueStatusChanged }) else { return events }
        try await parts.ledger.catchUp()
        return events.filter { event in
            guard case .jiraIssueStatusChanged(let change) = event.body, let status = change.sideStatus,
                let link = table.issueLink(jiraIssueId: change.issue.id)
            else { return true }
            let echo = StatusArbiter.isStale(status, entry: parts.ledger.entry(for: link))
            if echo {
                logger.debug("status change already accounted for (the sync's own write); not published", metadata: [
                    "jira.issue": "\(change.issue.key)", "category": "\(change.categoryKey)",
                ])
            }
            return !echo
        }
    }

    /// Every issue the query's statements match, in statement order (an issue may come twice; the
    /// de-duplicator drops the repeat). A `key in (…)` chunk Jira rejects — it names an issue that
    /// no longer exists — falls back to the label alone, once per cycle.
    private func searchAll(_ query: JiraPollQuery, reconcile: [Int]) async throws -> [JiraIssue] {
        var found: [JiraIssue] = []
        var fellBack = false
        for jql in query.statements() {
            do {
                found += try await search(jql, reconcile: reconcile)
            } catch let error as JiraAPIError where error.status == 400 && !query.linkedKeys.isEmpty && query.label != nil {
                logger.warning("search rejected; using the label alone for this chunk", metadata: ["error": "\(error)"])
                guard !fellBack else { continue }
                fellBack = true
                var labelOnly = query
                labelOnly.linkedKeys = []
                for statement in labelOnly.statements() { found += try await search(statement, reconcile: reconcile) }
            }
        }
        return found
    }

    /// Every issue a statement matches, across pages.
    private func search(_ jql: String, reconcile: [Int]) async throws -> [JiraIssue] {
        try await parts.jira.search(JiraSearchQuery(jql: jql, fields: Self.searchFields, reconcileIssueIds: reconcile))
            .collect()
    }

    /// The state a never-seen issue is compared with: an empty baseline when it was created while
    /// the poller was watching (everything a human did on it is new), else `nil` (first sight of an
    /// older issue seeds the state without events: history from before the link is not replayed).
    private func baseline(_ issue: JiraIssue) -> JiraIssueSyncState? {
        guard let created = issue.fields.created, created >= watchingSince.addingTimeInterval(-Double(
            parts.context.configuration.jira.overlapMinutes) * 60)
        else { return nil }
        return JiraIssueSyncState.baseline(
            for: issue.fields.status?.id ?? "", categoryKey: issue.fields.status?.category?.key ?? "new", created: created)
    }

    /// Issues a lagging Cloud search index might still miss: named by a recent webhook, or linked
    /// recently by the jira-writer. Sent as `reconcileIssues` (ignored by Data Center).
    private func reconcileIssueIds(_ table: LinkTable) -> [Int] {
        let since = Date().addingTimeInterval(-Self.reconcileWindow)
        var ids = parts.receiver?.issueIds(receivedSince: since) ?? []
        let fresh = table.records.filter { $0.kind == .issue && $0.linkedAt >= since }.sorted { $0.linkedAt > $1.linkedAt }
        ids += fresh.map(\.jiraIssueId)
        var seen = Set<Int>()
        return ids.compactMap(Int.init).filter { seen.insert($0).inserted }.prefix(Self.reconcileLimit).map { $0 }
    }
}
