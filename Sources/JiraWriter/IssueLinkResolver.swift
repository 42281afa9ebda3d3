public import Foundation
import SyncCore

/// The exactly-once decision for a Guance issue's Jira issue: link table first, then a label search
/// (the sync's `guance-<uuid>` and the old script's raw UUID), and a create only when the search can
/// be trusted to be empty. Pure: the caller performs the calls and feeds their results back.
///
/// Jira Cloud search lags behind writes ("seconds to minutes"), so an empty search right after an
/// ambiguous create, or one that was not reconciled, is not proof of absence: the decision is then
/// to wait, until the search has stayed empty for ``settleSeconds`` (default 5 minutes: Jira gives
/// no bound on the lag, so this is a trade-off between a late issue and a duplicate; the duplicate,
/// if it ever happens, is reported by the next adoption's ``IssueLinkDecision/Adoption/duplicates``).
public struct IssueLinkResolver: Sendable {
    /// How long an unreliable empty search must stay empty before a create is allowed.
    public var settleSeconds: Int
    /// The pause between two searches while waiting.
    public var retrySeconds: Int

    /// Creates a resolver.
    public init(settleSeconds: Int = 300, retrySeconds: Int = 10) {
        self.settleSeconds = settleSeconds
        self.retrySeconds = retrySeconds
    }

    /// Decides for `guanceIssueUUID` given the evidence gathered so far, at `now`.
    public func decide(guanceIssueUUID: String, evidence: IssueLinkEvidence, now: Date) -> IssueLinkDecision {
        if let link = evidence.link { return .useLinked(link) }
        let syncLabel = JiraLabel.guanceIssue(guanceIssueUUID)
        let legacyLabel = JiraLabel.legacyGuanceIssue(guanceIssueUUID)
        let matches = evidence.search?.matches ?? []
        if case .created(let known)? = evidence.previousCreate {
            return .adopt(adoption(of: known, among: matches, provenance: .created, syncLabel: syncLabel))
        }
        guard let search = evidence.search else { return .search(labels: [syncLabel, legacyLabel]) }
        let relevant = matches.filter { $0.labels.contains(syncLabel) || $0.labels.contains(legacyLabel) }
        if let first = relevant.min(by: FoundJiraIssue.precedes) {
            let ours = first.labels.contains(syncLabel) && evidence.previousCreate != nil
            return .adopt(adoption(of: first, among: relevant, provenance: ours ? .created : .adopted, syncLabel: syncLabel))
        }
        return decideWhenEmpty(search, previousCreate: evidence.previousCreate, now: now)
    }

    private func decideWhenEmpty(
        _ search: IssueLinkEvidence.LabelSearch, previousCreate: IssueLinkEvidence.PreviousCreate?, now: Date
    ) -> IssueLinkDecision {
        let unreliableSince: Date?
        switch previousCreate {
        case .ambiguous(let attemptedAt)?:
            // A reconcile cannot cover an issue whose id was never received.
            unreliableSince = attemptedAt
        case .created?, nil:
            if search.reconciled { return .create }
            unreliableSince = search.emptySince
        }
        guard let since = unreliableSince else {
            return .waitAndRetry(seconds: retrySeconds, reason: "label search not reconciled; it may lag")
        }
        let waited = Int(now.timeIntervalSince(since).rounded(.down))
        guard waited >= settleSeconds else {
            let reason = previousCreate == nil
                ? "label search not reconciled; it may lag"
                : "an earlier create had an unknown outcome; search may lag behind it"
            return .waitAndRetry(seconds: min(retrySeconds, settleSeconds - waited), reason: reason)
        }
        return .create
    }

    private func adoption(
        of issue: FoundJiraIssue, among matches: [FoundJiraIssue], provenance: LinkRecord.Provenance, syncLabel: String
    ) -> IssueLinkDecision.Adoption {
        let duplicates = matches.filter { $0.id != issue.id }.sorted(by: FoundJiraIssue.precedes)
        let hasSyncLabel = issue.labels.contains(syncLabel)
        return IssueLinkDecision.Adoption(
            issue: issue, provenance: provenance, foundByLegacyLabel: !hasSyncLabel && provenance == .adopted,
            labelsToAdd: hasSyncLabel ? [] : [syncLabel], duplicates: duplicates
        )
    }
}
