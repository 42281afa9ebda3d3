import Foundation
import GuanceAPI
import GuanceWriter
import Logging
import StageClients
import StageRuntime
import SyncCore
import Synchronization

/// Applies Jira events to Guance, idempotently: human comments become replies (with attribution and
/// the sync's marker), edits and deletions follow them, status changes move the Guance issue's
/// `statusType`, and assignee and priority changes its assignees and level, each after
/// read-before-write and the conflict rule.
///
/// Exactly once under crashes, retries and replays:
/// - a reply create is preceded by an *intent* link record (`comment/<id>` without a reply UUID) and
///   followed by the full link; an event that finds an intent (a create may or may not have happened)
///   lists the issue's replies and looks for the marker before creating, after a settle time;
/// - edits and deletions record the event id on the comment link (a redelivery is then a no-op
///   without any Guance call) and compare the reply's marker version (an older edit is stale);
/// - status changes are decided by the status ledger (`sync.status.v1`, shared with jira-writer)
///   and read the issue before writing.
final class GuanceEventHandler: SyncEventHandler {
    let guance: GuanceClient
    let links: LinkStore
    let ledger: StatusLedger
    let statusRecords: StatusLedgerWriter
    let arbiter: StatusArbiter
    let fieldArbiter: FieldArbiter
    let users: UserDirectory
    let priorityMapping: PriorityMapping
    let assigneePolicy: JiraAssigneePolicy
    let syncsAssignees: Bool
    let syncsLevels: Bool
    let changeNotes: ChangeNotes
    let observationWaits: ObservationWaits
    let renderer: ReplyRenderer
    let classifier: GuanceFailureClassifier
    let settings: GuanceWriterSettings
    let gate: GuanceKeyGate
    /// How old the reply intents of other attempts are known to be (their wait never trusts another host's clock).
    let intentSightings = IntentSightings()
    let crashPoints: CrashPoints
    let logger: Logger
    let mapper: Mutex<StatusMapper>
    let unlinkedSince = Mutex<[EventID: Date]>([:])
    /// Whether this deployment's issue modify needs `name`, `level` and `description` (learned from a refusal).
    let resendsIssueFields = Mutex(false)

    init(
        guance: GuanceClient, links: LinkStore, ledger: StatusLedger, configuration: SyncConfiguration,
        settings: GuanceWriterSettings, gate: GuanceKeyGate, crashPoints: CrashPoints, logger: Logger,
        users: UserDirectory
    ) {
        self.guance = guance
        self.links = links
        self.ledger = ledger
        self.statusRecords = StatusLedgerWriter(ledger: ledger, writer: GuanceWriterStage.name)
        self.arbiter = StatusArbiter(conflictRule: configuration.policies.conflict)
        self.fieldArbiter = FieldArbiter(conflictRule: configuration.policies.conflict)
        self.users = users
        self.priorityMapping = PriorityMapping(priorities: configuration.priorities)
        self.assigneePolicy = configuration.policies.jiraAssignee
        self.syncsAssignees = configuration.policies.syncAssignees
        self.syncsLevels = configuration.policies.levelFromPriority && !configuration.priorities.isEmpty
        self.changeNotes = configuration.policies.changeNotes
        self.observationWaits = ObservationWaits(patience: TimeInterval(settings.statusObservationSeconds))
        self.renderer = ReplyRenderer(policies: configuration.policies)
        self.mapper = Mutex(StatusMapper(policies: configuration.policies))
        self.classifier = GuanceFailureClassifier(
            maximumDelaySeconds: settings.maximumRetrySeconds, ambiguousRecheckSeconds: settings.settleSeconds)
        self.settings = settings
        self.gate = gate
        self.crashPoints = crashPoints
        self.logger = logger
    }

    func handle(_ event: SyncEvent, attempt: Int) async -> HandlingOutcome {
        if let wait = gate.remainingWait {
            return .retry(after: wait, reason: "Guance refused the API key; waiting for the operator")
        }
        do {
            switch event.body {
            case .jiraCommentCreated(let comment):
                return try await withIssue(comment.issue, event, attempt) { try await self.create(comment, $0, event) }
            case .jiraCommentEdited(let comment):
                return try await withIssue(comment.issue, event, attempt) { try await self.edit(comment, $0, event) }
            case .jiraCommentDeleted(let deletion):
                return try await withIssue(deletion.issue, event, attempt) { try await self.delete(deletion, $0, event) }
            case .jiraIssueStatusChanged(let change):
                return try await withIssue(change.issue, event, attempt) { try await self.applyStatus(change, $0, event) }
            case .jiraIssueAssigneeChanged(let change):
                return try await withIssue(change.issue, event, attempt) { try await self.applyAssignee(change, $0, event) }
            case .jiraIssuePriorityChanged(let change):
                return try await withIssue(change.issue, event, attempt) { try await self.applyPriority(change, $0, event) }
            case .guanceIssueSnapshot, .guanceReplyCreated, .guanceReplyEdited, .guanceReplyDeleted:
                return .deadLetter(
                    DeadLetter.Reason(
                        code: DeadLetterCode.unexpectedEvent,
                        message: "\(event.type.rawValue) does not belong on \(SyncTopic.jiraEvents.name)"))
            }
        } catch let error as GuanceAPIError {
            return outcome(of: error, attempt: attempt, event: event)
        } catch is CancellationError {
            return .retry(after: .seconds(1), reason: "cancelled")
        } catch {
            return .retry(after: .seconds(classifier.backoff(attempt)), reason: "\(error)")
        }
    }

    /// The HandlingOutcome of a failed Guance call.
    func outcome(of error: GuanceAPIError, attempt: Int, event: SyncEvent) -> HandlingOutcome {
        switch classifier.classify(error, attempt: attempt) {
        case .retry(let seconds, let reason):
            return .retry(after: .seconds(seconds), reason: reason)
        case .waitForLimiter(_, let reason):
            return .retry(after: .seconds(classifier.backoff(attempt)), reason: reason)
        case .awaitOperator(let seconds, let reason):
            gate.refused(for: seconds, reason: reason)
            logger.critical("Guance refused the API key: events wait for the operator", metadata: ["error": "\(reason)"])
            return .retry(after: .seconds(seconds), reason: reason)
        case .ambiguous(let seconds, let operation):
            return .retry(
                after: .seconds(seconds), reason: "\(operation) may have taken effect; will look before repeating it")
        case .retryWithLegacyStatusType:
            return .retry(after: .seconds(1), reason: "\(error)")
        case .deadLetter(let reason):
            return .deadLetter(reason)
        }
    }

    /// Names of the effects reported to the writer loop (`sync_effects_total{effect}`).
    enum Effect {
        static let noop = "noop"
        static let replyCreated = "guance_reply_created"
        static let replyFound = "guance_reply_found"
        static let replyEdited = "guance_reply_edited"
        static let replyDeleted = "guance_reply_deleted"
        static let replyDeletionNoted = "guance_reply_deletion_noted"
        static let statusChanged = "guance_status_changed"
        static let assigneesChanged = "guance_assignees_changed"
        static let levelChanged = "guance_level_changed"
        /// Every effect, initialised at 0 on `/metrics` when the stage starts.
        static let all = [
            noop, replyCreated, replyFound, replyEdited, replyDeleted, replyDeletionNoted, statusChanged, assigneesChanged,
            levelChanged,
        ]
    }
}
