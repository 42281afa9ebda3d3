import Foundation
import JiraAPI
import SyncCore

/// Turns a fresh reading of a linked Jira issue (and its full comment list) into ``SyncEvent``s by
/// comparing it with what was seen before.
///
/// - Status: an event whenever the status id or category key differs (category key, localized name
///   and resolution are carried; consumers map on the key). `changedAt` is the issue's `updated`, so
///   flipping done → new → done yields three distinct events.
/// - Assignee: only when ``syncAssignees`` is on; the event carries the user's ids (and e-mail when
///   Jira shows it) for the user map, and the issue's `updated` as the reading's version.
/// - Priority: only when ``syncPriorities`` is on (`policies.levelFromPriority`); a priority first
///   seen (no earlier reading) seeds the state without an event, unless it departs from what the
///   ledger knows (a twin's priority as the sync created it, changed before the first poll).
/// - Assignee and priority are also reported when they differ from what the status ledger last knew
///   of Jira (`ledgerReadings`, older than this reading): a person who undid the sync's write before
///   the next poll leaves the poller's own previous reading unchanged, but not the ledger's.
/// - Comments: created (id not seen), edited (`updated` or body digest changed), deleted (seen
///   before, absent now; the list must be complete). Comments written by the sync are skipped:
///   author is the sync account, or the comment carries the sync property with origin `guance`.
///   Skipped comments are not tracked, so their deletion emits nothing either.
///
/// **First sight** (no previous state, e.g. an issue just linked, or a poller starting without a
/// checkpoint) seeds the state and emits nothing: history from before the link is not replayed.
/// A comment the sync has never seen on an already-tracked issue is new, whatever its age. A reading
/// without `status` (field not returned) keeps the previous status instead of reporting a change.
package struct IssueChangeDetector: Sendable {
    /// The account the sync writes with.
    package var syncAccount: JiraSyncAccount
    /// The comment property key the jira-writer sets (`jira.propertyKey`).
    package var propertyKey: String
    /// Whether assignee changes are emitted (`policies.syncAssignees`).
    package var syncAssignees: Bool
    /// Whether priority changes are emitted (`policies.levelFromPriority`).
    package var syncPriorities: Bool
    /// The site base URL for comment links, `nil` for none.
    package var baseURL: String?

    /// The `origin` the jira-writer puts in the comment property.

    /// Creates a detector.
    package init(
        syncAccount: JiraSyncAccount, propertyKey: String, syncAssignees: Bool, syncPriorities: Bool = false,
        baseURL: String? = nil
    ) {
        self.syncAccount = syncAccount
        self.propertyKey = propertyKey
        self.syncAssignees = syncAssignees
        self.syncPriorities = syncPriorities
        self.baseURL = baseURL
    }

    /// Creates a detector from the configuration.
    package init(configuration: SyncConfiguration, syncAccount: JiraSyncAccount) {
        self.init(
            syncAccount: syncAccount, propertyKey: configuration.jira.propertyKey,
            syncAssignees: configuration.policies.syncAssignees,
            syncPriorities: configuration.policies.levelFromPriority, baseURL: configuration.jira.baseURL
        )
    }

    /// The events since `previous` and the state to remember.
    /// - Parameter ledgerReadings: the newest Jira readings of the synced fields the ledger holds.
    package func detect(
        issue: JiraIssue, comments: [JiraComment], previous: JiraIssueSyncState?, guanceIssueUUID: String?,
        observedAt: Date, ledgerReadings: [SyncedField: FieldReading] = [:]
    ) -> (events: [SyncEvent], state: JiraIssueSyncState) {
        let reference = JiraIssueRef(id: issue.id, key: issue.key, guanceIssueUUID: guanceIssueUUID)
        let human = comments.filter { !isWrittenBySync($0) }
        let status = issue.fields.status
        let state = JiraIssueSyncState(
            statusId: status?.id ?? previous?.statusId ?? "",
            categoryKey: status?.category?.key ?? previous?.categoryKey ?? "undefined",
            assigneeId: issue.fields.assignee?.stableIdentifier,
            comments: Dictionary(human.map { ($0.id, commentState($0)) }, uniquingKeysWith: { _, last in last })
        )
        var current = state
        current.statusChangedMilliseconds = issue.fields.statusCategoryChangeDate.map(\.epochMilliseconds)
            ?? previous?.statusChangedMilliseconds
        // A reading without the field keeps what was seen; a returned `null` is "no priority".
        current.priorityId = issue.fields.all["priority"] == nil ? previous?.priorityId : (issue.fields.priority?.id ?? "")
        guard let previous else { return ([], current) }
        let changedAt = issue.fields.updated ?? observedAt
        var bodies: [(SyncEvent.Body, Date)] = []
        let flippedAndBack = current.statusChangedMilliseconds.map { now in
            previous.statusChangedMilliseconds.map { now > $0 } ?? false
        } ?? false
        if previous.statusId != state.statusId || previous.categoryKey != state.categoryKey || flippedAndBack {
            let statusAt = issue.fields.statusCategoryChangeDate ?? changedAt
            bodies.append((.jiraIssueStatusChanged(statusChange(issue, reference, statusAt)), statusAt))
        }
        func departs(_ field: SyncedField, _ values: [String]) -> Bool {
            guard let known = ledgerReadings[field], FieldArbiter.later(issue.fields.updated, than: known.version) else {
                return false
            }
            return Set(known.values) != Set(values)
        }
        if syncAssignees,
            previous.assigneeId != state.assigneeId || departs(.assignee, state.assigneeId.map { [$0] } ?? [])
        {
            let assignee = issue.fields.assignee.flatMap { user in
                user.stableIdentifier.map {
                    JiraActor(
                        id: $0, displayName: user.displayName, name: user.name.flatMap { $0.isEmpty ? nil : $0 },
                        emailAddress: user.emailAddress.flatMap { $0.isEmpty ? nil : $0 })
                }
            }
            let change = JiraAssigneeChange(
                issue: reference, assignee: assignee, changedAt: changedAt, issueUpdatedAt: issue.fields.updated)
            bodies.append((.jiraIssueAssigneeChanged(change), changedAt))
        }
        // An unknown earlier priority (a baseline, a state from before priorities) leaves it to the ledger:
        // a person who set the priority of a twin the sync just created, before the first poll, departs
        // from the priority it was created with.
        if syncPriorities, let now = current.priorityId,
            previous.priorityId.map({ $0 != now }) ?? false || departs(.priority, now.isEmpty ? [] : [now])
        {
            let change = JiraPriorityChange(
                issue: reference, priorityId: now.isEmpty ? nil : now, priorityName: issue.fields.priority?.name,
                changedAt: changedAt, issueUpdatedAt: issue.fields.updated)
            bodies.append((.jiraIssuePriorityChanged(change), changedAt))
        }
        bodies += commentBodies(human, previous: previous, current: state, reference: reference, changedAt: changedAt)
        let events = bodies.map { SyncEvent(body: $0.0, occurredAt: $0.1, observedAt: observedAt) }
        return (events, current)
    }

    /// Whether the sync wrote `comment`: its author is the sync account, or it carries the sync
    /// property with origin `guance`.
    package func isWrittenBySync(_ comment: JiraComment) -> Bool {
        if syncAccount.isSelf(comment.author) { return true }
        return JiraPropertyMarker.isSyncOrigin(comment.properties[propertyKey])
    }

    private func statusChange(_ issue: JiraIssue, _ reference: JiraIssueRef, _ changedAt: Date) -> JiraStatusChange {
        let status = issue.fields.status
        return JiraStatusChange(
            issue: reference, statusId: status?.id ?? "", statusName: status?.name ?? status?.id ?? "",
            categoryKey: status?.category?.key ?? "undefined", resolution: issue.fields.resolution?.name,
            changedAt: changedAt, statusCategoryChangedAt: issue.fields.statusCategoryChangeDate,
            issueUpdatedAt: issue.fields.updated
        )
    }
}
