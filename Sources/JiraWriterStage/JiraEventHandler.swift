import Foundation
import GuanceAPI
import JiraAPI
import JiraWriter
import Kafka
import Logging
import StageClients
import StageRuntime
import SyncCore

/// Applies Guance events to Jira, idempotently: every write is preceded by a read (link table,
/// label search, comment markers, current fields and status) — or by the link table alone where
/// it answers for sure (a new reply's comment, ``CommentListingRule``) — so a redelivered,
/// replayed or retried event changes nothing that is already there.
final class JiraEventHandler: SyncEventHandler {
    let context: StageContext
    let settings: JiraWriterSettings
    let jira: JiraClient
    let guance: GuanceClient?
    let links: LinkStore
    let ledger: StatusLedger
    let statusRecords: StatusLedgerWriter
    let producer: KafkaProducer
    let renderer: JiraIssueRenderer
    let commentRenderer: CommentRenderer
    let resolver: IssueLinkResolver
    let arbiter: StatusArbiter
    let fieldArbiter: FieldArbiter
    let users: UserDirectory
    let classifier = FailureClassifier()
    let knownCreates = KnownCreates()
    /// This process's comment adds with an unknown outcome.
    let ambiguousAdds = AmbiguousCommentAdds()
    /// How old the intents of other attempts are known to be (their wait never trusts another host's clock).
    let intentSightings = IntentSightings()
    /// When this handler was made: events observed before it may have been attempted by an earlier
    /// process (``CommentListingRule``).
    let startedAt = Date()
    /// The Guance link of each Jira issue, for reply attributions.
    let guanceURLs = GuanceURLCache()
    /// The back-links waiting for the Guance budget, off the issues' lanes (`nil` without Guance).
    let backlinks: BacklinkQueue?
    /// One writer per issue: the issue's handling and its back-link follow-up.
    let issueLocks = IssueLocks()
    let adoptionGuard = AdoptionGuard()

    /// Attempts after which a reply whose issue is still not linked is dead-lettered.
    static let unlinkedReplyAttempts = 8

    init(
        context: StageContext, settings: JiraWriterSettings, flavor: JiraFlavor, jira: JiraClient, guance: GuanceClient?,
        links: LinkStore, ledger: StatusLedger, producer: KafkaProducer, users: UserDirectory
    ) throws {
        self.context = context
        self.settings = settings
        self.jira = jira
        self.guance = guance
        let retryFor = (try? WriterLoop.Settings.retryFor(environment: context.environment)) ?? WriterLoop.Settings.defaultRetryFor
        backlinks = guance.map { BacklinkQueue(guance: $0, retryFor: retryFor, logger: context.logger) }
        self.links = links
        self.ledger = ledger
        self.statusRecords = StatusLedgerWriter(ledger: ledger, writer: JiraWriterStage.name)
        self.producer = producer
        self.users = users
        renderer = try JiraIssueRenderer(configuration: context.configuration, flavor: flavor)
        commentRenderer = CommentRenderer(issueRenderer: renderer)
        arbiter = StatusArbiter(conflictRule: context.configuration.policies.conflict)
        fieldArbiter = FieldArbiter(conflictRule: context.configuration.policies.conflict)
        resolver = IssueLinkResolver(settleSeconds: settings.createSettleSeconds, retrySeconds: settings.searchRetrySeconds)
    }

    var configuration: SyncConfiguration { context.configuration }
    var logger: Logger { context.logger }
    var propertyKey: String { configuration.jira.propertyKey }

    func handle(_ event: SyncEvent, attempt: Int) async -> HandlingOutcome {
        await handle(event, attempt: attempt, recreations: 0)
    }

    /// Handles `event`; a Jira issue found deleted is dealt with per `policies.jiraIssueDeleted`
    /// (after a recreation the event is handled again, at most twice).
    func handle(_ event: SyncEvent, attempt: Int, recreations: Int) async -> HandlingOutcome {
        if let link = links.issueLink(guanceIssueUUID: event.key), link.isDetached {
            logger.debug("the pair is detached (its Jira issue was deleted); nothing to do", metadata: [
                "guance.issue": "\(event.key)", "jira.issue": "\(link.jiraIssueKey)", "event.id": "\(event.id)",
            ])
            return .applied(effect: "noop")
        }
        do {
            return try await issueLocks.withLock(event.key) { try await dispatch(event, attempt: attempt) }
        } catch let error as JiraAPIError {
            guard recreations < 2, let deleted = await deletedIssueLink(after: error, event: event) else {
                return outcome(of: error, event: event, attempt: attempt)
            }
            do {
                return try await onDeletedIssue(deleted, event: event, attempt: attempt, recreations: recreations)
            } catch {
                return outcome(ofThrown: error, event: event, attempt: attempt)
            }
        } catch {
            return outcome(ofThrown: error, event: event, attempt: attempt)
        }
    }

    private func dispatch(_ event: SyncEvent, attempt: Int) async throws -> HandlingOutcome {
        switch event.body {
        case .guanceIssueSnapshot(let snapshot):
            return try await applySnapshot(snapshot, event: event)
        case .guanceReplyCreated(let reply):
            return try await applyReply(reply, edited: false, event: event, attempt: attempt)
        case .guanceReplyEdited(let reply):
            return try await applyReply(reply, edited: true, event: event, attempt: attempt)
        case .guanceReplyDeleted(let deletion):
            return try await applyDeletion(deletion, event: event)
        case .jiraIssueStatusChanged, .jiraIssueAssigneeChanged, .jiraIssuePriorityChanged, .jiraCommentCreated,
            .jiraCommentEdited, .jiraCommentDeleted:
            return .deadLetter(DeadLetter.Reason(
                code: DeadLetterCode.wrongTopic, message: "\(event.type.rawValue) events are not applied by jira-writer"))
        }
    }

    /// The outcome of any failure a handling threw.
    func outcome(ofThrown error: any Error, event: SyncEvent, attempt: Int) -> HandlingOutcome {
        switch error {
        case let error as JiraAPIError:
            return outcome(of: error, event: event, attempt: attempt)
        case let error as RetryLater:
            return error.outcome
        case let error as GuanceAPIError:
            if error.isRetriable || error.isOutcomeUnknown {
                return .retry(after: .seconds(classifier.backoff(attempt)), reason: error.description)
            }
            return .deadLetter(DeadLetter.Reason(code: DeadLetterCode.guanceRejected, message: error.description))
        default:
            // Kafka (link table) and cancellation: nothing was decided; try again.
            return .retry(after: .seconds(classifier.backoff(attempt)), reason: "\(error)")
        }
    }

    /// The outcome of a failed Jira call, per ``FailureClassifier``.
    private func outcome(of error: JiraAPIError, event: SyncEvent, attempt: Int) -> HandlingOutcome {
        switch classifier.classify(error, attempt: attempt) {
        case .retry(let seconds, let reason):
            return .retry(after: .seconds(seconds), reason: reason)
        case .deadLetter(let reason):
            return .deadLetter(reason)
        case .ambiguous(let seconds, let operation):
            // The next attempt looks for the write (label search, comment markers) before repeating it.
            return .retry(after: .seconds(seconds), reason: "\(operation) had an unknown outcome")
        case .createdWithoutProperties(let created):
            knownCreates.remember(event.key, id: created.id, key: created.key)
            return .retry(after: .seconds(1), reason: "\(created.key) created without its properties")
        }
    }

    /// The Jira issue page of `key`.
    func browseURL(_ key: String) -> String {
        var base = configuration.jira.baseURL
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/browse/" + key
    }
}
