import Foundation
import JiraAPI
import JiraWriter
import Kafka
import StageRuntime
import SyncCore

/// How the Jira issue of a snapshot was found.
enum IssueResolution: Sendable {
    /// The issue is linked; `how` says whether this attempt created or adopted it.
    case linked(LinkRecord, how: LinkSource)
    /// Not decidable yet (search may lag behind an earlier create): the event is retried.
    case pending(HandlingOutcome)

    /// Where a link came from in this attempt.
    enum LinkSource: Sendable {
        /// Linked before.
        case table
        /// Created now; `reading` is the issue as read right after the create (the snapshot's
        /// fields, its status, its sync state), so the snapshot need not read it again.
        case created(reading: JiraIssue)
        /// Adopted now.
        case adopted
    }
}

extension JiraEventHandler {
    /// Finds or makes the one Jira issue of a Guance issue.
    ///
    /// Link table → label search (`guance-<uuid>` and the old script's raw UUID; only issues the
    /// ``AdoptionRule`` trusts are adopted, the others are warned about once and never touched) →
    /// create. A create is preceded by a *create intent* on the link topic (acknowledged before the
    /// create is sent): when the process dies between the create and the link, the restarted writer
    /// finds the intent, and instead of creating again waits for the label search to show the issue (adopting it) for
    /// up to ``JiraWriterSettings/createSettleSeconds``. Without an intent no writer ever attempted a
    /// create for the issue, so an empty search is conclusive (issues of the old script are old
    /// enough to be indexed).
    ///
    /// - Parameters:
    ///   - recurrence: for `policies.reopen: newIssue`, the mark of a recurrence
    ///     (`<uuid>-r<reopened ms>`): the link table is not consulted (it names the previous issue), the
    ///     label search and the intent use the mark, and the link found or made replaces the old one.
    ///   - deleted: the link being replaced — for `policies.jiraIssueDeleted: recreate`, the one whose
    ///     Jira issue was deleted; for a recurrence, the previous occurrence's. It does not count as a
    ///     link; a link naming another issue is the replacement (made by a crashed attempt, or by
    ///     another writer while this one decided), and the link made replaces it.
    func ensureIssue(
        _ snapshot: GuanceIssueSnapshot, rendered: RenderedJiraIssue, event: SyncEvent, recurrence: String? = nil,
        replacing deleted: LinkRecord? = nil
    ) async throws -> IssueResolution {
        let uuid = snapshot.issueUUID
        let mark = recurrence ?? uuid
        func current() -> LinkRecord? {
            guard let link = links.issueLink(guanceIssueUUID: uuid) else { return nil }
            // A recurrence is linked once the link names an issue other than the previous occurrence.
            if recurrence != nil, deleted == nil { return nil }
            return link.jiraIssueId == deleted?.jiraIssueId ? nil : link
        }
        if let link = current() { return .linked(link, how: .table) }
        try await links.catchUp()
        let linked = current()
        // The intent this decision is based on: a create claims to supersede it (first on the log wins).
        let basis = links.table.createIntent(guanceIssueUUID: mark)?.attemptID
        var evidence = IssueLinkEvidence(link: linked, previousCreate: previousCreate(mark))
        while true {
            switch resolver.decide(guanceIssueUUID: mark, evidence: evidence, now: Date()) {
            case .useLinked(let link):
                return .linked(link, how: .table)
            case .search(let labels):
                // A lagging search index may still show the deleted issue.
                let matches = try await searchLabels(labels).filter { $0.id != deleted?.jiraIssueId }
                let rule = try await adoptionGuard.rule(for: matches, configuration: configuration, jira: jira)
                let search = IssueLinkEvidence.LabelSearch(
                    matches: matches, rule: rule, reconciled: evidence.previousCreate == nil)
                reportRefused(resolver.refused(guanceIssueUUID: mark, in: search), guanceIssueUUID: uuid)
                evidence.search = search
            case .adopt(let adoption):
                return .linked(
                    try await adopt(adoption, snapshot: snapshot, rendered: rendered, event: event, mark: mark), how: .adopted)
            case .create:
                switch try await claimCreate(mark: mark, basis: basis, event: event, linked: current) {
                case .won(let attempt):
                    let created = try await create(snapshot, rendered: rendered, event: event, mark: mark, attempt: attempt)
                    return .linked(created.link, how: .created(reading: created.reading))
                case .linkedMeanwhile(let link):
                    return .linked(link, how: .table)
                case .lost(let winner):
                    let reason = "another writer is creating this issue (its intent came first)"
                    logger.warning("not creating: another writer claimed the create first", metadata: [
                        "guance.issue": "\(uuid)", "mark": "\(mark)", "winner.event": "\(winner?.eventID?.rawValue ?? "withdrawn")",
                    ])
                    return .pending(.retry(after: .seconds(max(resolver.retrySeconds, 1)), reason: reason))
                }
            case .waitAndRetry(let seconds, let reason):
                logger.info("waiting for Jira search before creating", metadata: [
                    "guance.issue": "\(uuid)", "reason": "\(reason)", "delay_seconds": "\(seconds)",
                ])
                return .pending(.retry(after: .seconds(max(seconds, 1)), reason: reason))
            }
        }
    }

    /// A create this process knows succeeded, else a recorded intent (outcome unknown), else none.
    private func previousCreate(_ uuid: String) -> IssueLinkEvidence.PreviousCreate? {
        if let known = knownCreates.issue(for: uuid) { return .created(known) }
        if let intent = links.table.createIntent(guanceIssueUUID: uuid) { return .ambiguous(attemptedAt: intentSightings.existedSince(intent)) }
        return nil
    }

    /// Issues carrying any of `labels`, in any project, with their project and creator: the
    /// ``AdoptionRule`` decides which may be adopted, and those outside it are reported.
    private func searchLabels(_ labels: [String]) async throws -> [FoundJiraIssue] {
        let list = labels.map { label in
            "\"" + label.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        let query = JiraSearchQuery(
            jql: "labels in (\(list.joined(separator: ", "))) ORDER BY created ASC", fields: FoundJiraIssue.searchFields,
            pageSize: 50)
        return try await jira.search(query).collect().map(FoundJiraIssue.init)
    }

    /// Warns, once per Jira issue, about issues carrying a Guance issue's labels that are not adopted.
    private func reportRefused(_ refused: [(issue: FoundJiraIssue, reason: String)], guanceIssueUUID: String) {
        for (issue, reason) in refused where adoptionGuard.isFirstReport(of: issue.id) {
            logger.warning("Jira issue carries the label of a Guance issue but is not adopted", metadata: [
                "guance.issue": "\(guanceIssueUUID)", "jira.issue": "\(issue.key)", "reason": "\(reason)",
            ])
        }
    }

    /// The outcome of claiming a create on the link topic.
    private enum CreateClaim {
        /// This attempt's intent is the latest: it may create.
        case won(attempt: String)
        /// Another writer linked the issue before this intent was written.
        case linkedMeanwhile(LinkRecord)
        /// Another writer's intent, decided on the same state, came first on the log (`nil`: it
        /// was already withdrawn again, e.g. its create was refused).
        case lost(to: LinkRecord?)
    }

    /// Claims the create (``LinkStore/claim(_:supersedes:)``) before any create is sent; a link
    /// written by another writer meanwhile wins over any intent.
    private func claimCreate(
        mark: String, basis: String?, event: SyncEvent, linked: () -> LinkRecord?
    ) async throws -> CreateClaim {
        let claim = try await links.claim(LinkRecord.createIntent(mark: mark, eventID: event.id, at: Date()), supersedes: basis)
        if claim.won, let intent = claim.latest { intentSightings.noteWritten(intent) }
        guard claim.won else {
            if let link = linked() { return .linkedMeanwhile(link) }
            return .lost(to: claim.latest)
        }
        if let link = linked() {
            try await clearIntent(mark, attempt: claim.attempt)
            return .linkedMeanwhile(link)
        }
        return .won(attempt: claim.attempt)
    }

    /// Creates the issue, once this writer's create intent `attempt` won (``claimCreate``).
    private func create(
        _ snapshot: GuanceIssueSnapshot, rendered: RenderedJiraIssue, event: SyncEvent, mark: String, attempt: String
    ) async throws -> (link: LinkRecord, reading: JiraIssue) {
        var draft = rendered.draft
        draft.properties[propertyKey] = initialState(snapshot, rendered: rendered, event: event).value
        let created: JiraCreatedIssue
        do {
            created = try await jira.createIssue(draft)
        } catch let error as JiraAPIError {
            // Known not to exist: a later attempt may create without waiting.
            if Self.provesNothingCreated(error) { try? await clearIntent(mark, attempt: attempt) }
            throw error
        }
        knownCreates.remember(mark, id: created.id, key: created.key)
        logger.info("created Jira issue", metadata: [
            "guance.issue": "\(snapshot.issueUUID)", "mark": "\(mark)", "jira.issue": "\(created.key)",
            "route": "\(rendered.ruleName ?? "default")",
        ])
        context.crashPoint("jira_issue_created")
        _ = try await jira.upsertRemoteLink(issue: created.id, rendered.remoteLink)
        let reading = try await creationReading(created.id)
        let link = try await finishLink(
            id: created.id, key: created.key, provenance: .created, creation: reading, rendered: rendered, event: event,
            mark: mark, level: snapshot.level?.id)
        return (link, reading)
    }

    /// Takes over an existing issue: adds the labels a created twin would carry that it lacks, and
    /// the property, then links it.
    private func adopt(
        _ adoption: IssueLinkDecision.Adoption, snapshot: GuanceIssueSnapshot, rendered: RenderedJiraIssue, event: SyncEvent,
        mark: String
    ) async throws -> LinkRecord {
        let issue = adoption.issue
        if !adoption.duplicates.isEmpty {
            logger.warning("several Jira issues carry the marker of one Guance issue; linking the oldest", metadata: [
                "guance.issue": "\(snapshot.issueUUID)", "jira.issue": "\(issue.key)",
                "duplicates": "\(adoption.duplicates.map(\.key))",
            ])
        }
        logger.info("adopting Jira issue", metadata: [
            "guance.issue": "\(snapshot.issueUUID)", "jira.issue": "\(issue.key)", "provenance": "\(adoption.provenance.rawValue)",
            "legacy_label": "\(adoption.foundByLegacyLabel)",
        ])
        // The labels a created twin carries too (`jira.labels` first: jira-poller's label search finds
        // the issue by it instead of searching its key every cycle).
        let missing = adoption.labelsToAdd + rendered.draft.labels.filter { !issue.labels.contains($0) && !adoption.labelsToAdd.contains($0) }
        if !missing.isEmpty {
            try await jira.updateIssue(issue.id, JiraIssueEdit(addLabels: missing))
        }
        let current = try await jira.issueProperty(issue: issue.id, key: propertyKey)
        if JiraPropertyMarker.issueUUID(inIssueProperty: current) != snapshot.issueUUID {
            var state = IssueSyncState(property: current)
            state.adoptMarker(rendered.property.value)
            state.guanceURL = rendered.remoteLink.url
            try await jira.setIssueProperty(issue: issue.id, key: propertyKey, value: state.value)
        }
        _ = try await jira.upsertRemoteLink(issue: issue.id, rendered.remoteLink)
        return try await finishLink(
            id: issue.id, key: issue.key, provenance: adoption.provenance,
            creation: adoption.provenance == .created ? try await creationReading(issue.id) : nil, rendered: rendered,
            event: event, mark: mark, level: snapshot.level?.id)
    }

    /// The issue the sync created, as read right after: its status at creation with the changelog
    /// (for the ledgers), the snapshot's fields and the sync state (so the snapshot reads nothing more).
    private func creationReading(_ id: String) async throws -> JiraIssue {
        let fields = Array(Set(Self.statusFields + Self.snapshotFields + ["created"])).sorted()
        return try await jira.issue(id, fields: fields, properties: [propertyKey], expandChangelog: true)
    }

    /// Records the link (the remote link back to Guance is in place) and drops the intent. `creation`:
    /// for an issue the sync created, its ``creationReading(_:)``; `level`: the Guance level it was
    /// created with (the field ledger's starting point).
    private func finishLink(
        id: String, key: String, provenance: LinkRecord.Provenance, creation: JiraIssue?, rendered: RenderedJiraIssue,
        event: SyncEvent, mark: String, level: String?
    ) async throws -> LinkRecord {
        let link = LinkRecord(
            kind: .issue, guanceIssueUUID: event.key, jiraIssueId: id, jiraIssueKey: key, origin: .guance,
            provenance: provenance, eventID: event.id, linkedAt: Date())
        if let creation {
            // Before the link: a linked pair the sync created always has an agreement to start from,
            // with Jira's status at its creation and that version: a later Jira change that went and
            // came back (resolved, then reopened between two polls) then counts as a change.
            try await ledger.record(StatusLedgerEntry.creationAgreement(
                link: link, writer: JiraWriterStage.name, jira: JiraStatusReading.atCreation(of: creation)))
            try await ledger.record(FieldLedgerEntry.creationRecord(
                link: link, writer: JiraWriterStage.name, level: level, priority: rendered.draft.priorityId))
        }
        try await links.record(link)
        knownCreates.forget(mark)
        if links.table.createIntent(guanceIssueUUID: mark) != nil { try await clearIntent(mark) }
        return link
    }

    /// The sync state written with a new issue.
    private func initialState(_ snapshot: GuanceIssueSnapshot, rendered: RenderedJiraIssue, event: SyncEvent) -> IssueSyncState {
        var state = IssueSyncState(property: rendered.property.value)
        state.snapshotAt = snapshot.updatedAt ?? event.occurredAt
        state.guanceURL = rendered.remoteLink.url
        return state
    }

    /// Whether a failed create certainly created nothing (a refusal, or a request never sent).
    static func provesNothingCreated(_ error: JiraAPIError) -> Bool {
        switch error.kind {
        case .http(let failure): (400..<500).contains(failure.status)
        case .transport, .richTextMismatch, .invalidRequest: true
        case .ambiguousOutcome, .createdWithoutProperties, .malformedResponse, .noTransitionToCategory: false
        }
    }

    /// Removes the create intent of a mark; with `attempt`, only while that attempt's intent is the
    /// latest (``LinkStore/withdraw(key:attempt:)``).
    func clearIntent(_ mark: String, attempt: String? = nil) async throws {
        try await links.withdraw(key: LinkRecord.createIntent(mark: mark, eventID: nil, at: Date()).key, attempt: attempt)
    }
}
