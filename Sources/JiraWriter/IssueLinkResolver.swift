import Foundation
import SyncCore

/// The exactly-once decision for a Guance issue's Jira issue: link table first, then a label search
/// (the sync's `guance-<uuid>` and the old script's raw UUID), and a create only when the search can
/// be trusted to be empty. Pure: the caller performs the calls and feeds their results back.
///
/// Only issues the ``AdoptionRule`` trusts (in a routed project, created by the sync's account or
/// the configured migration account) are adopted; the others a search finds — a spoof, a clone —
/// count as absent (``refused(guanceIssueUUID:in:)`` lists them for the caller to report).
///
/// Jira Cloud search lags behind writes ("seconds to minutes"), so an empty search right after an
/// ambiguous create, or one that was not reconciled, is not proof of absence: the decision is then
/// to wait, until the search has stayed empty for ``settleSeconds`` (default 5 minutes: Jira gives
/// no bound on the lag, so this is a trade-off between a late issue and a duplicate; the duplicate,
/// if it ever happens, is reported by the next adoption's ``IssueLinkDecision/Adoption/duplicates``).
package struct IssueLinkResolver: Sendable {
    /// How long an unreliable empty search must stay empty before a create is allowed.
    package var settleSeconds: Int
    /// The pause between two searches while waiting.
    package var retrySeconds: Int

    /// Creates a resolver.
    package init(settleSeconds: Int = 300, retrySeconds: Int = 10) {
        self.settleSeconds = settleSeconds
        self.retrySeconds = retrySeconds
    }

    /// Decides for `guanceIssueUUID` given the evidence gathered so far, at `now`.
    package func decide(guanceIssueUUID: String, evidence: IssueLinkEvidence, now: Date) -> IssueLinkDecision {
        if let link = evidence.link { return .useLinked(link) }
        let syncLabel = JiraLabel.guanceIssue(guanceIssueUUID)
        let legacyLabel = JiraLabel.legacyGuanceIssue(guanceIssueUUID)
        let trusted = evidence.search.map { search in
            relevant(guanceIssueUUID, in: search).filter { search.rule.verdict(on: $0).isTrusted }
        } ?? []
        if case .created(let known)? = evidence.previousCreate {
            return .adopt(adoption(of: known, among: trusted, provenance: .created, syncLabel: syncLabel))
        }
        guard let search = evidence.search else { return .search(labels: [syncLabel, legacyLabel]) }
        if let first = trusted.min(by: FoundJiraIssue.precedes) {
            let ours = search.rule.verdict(on: first) == .createdBySync && evidence.previousCreate != nil
            return .adopt(adoption(of: first, among: trusted, provenance: ours ? .created : .adopted, syncLabel: syncLabel))
        }
        return decideWhenEmpty(search, previousCreate: evidence.previousCreate, now: now)
    }

    /// The issues of `search` that carry the labels of `guanceIssueUUID` but may not be adopted,
    /// each with the reason (to report: a spoof, a clone, an issue outside the routed projects).
    package func refused(guanceIssueUUID: String, in search: IssueLinkEvidence.LabelSearch) -> [(
        issue: FoundJiraIssue, reason: String
    )] {
        relevant(guanceIssueUUID, in: search).compactMap { issue in
            guard case .refused(let reason) = search.rule.verdict(on: issue) else { return nil }
            return (issue, reason)
        }
    }

    /// The matches carrying the sync label or the old script's label of `guanceIssueUUID`.
    private func relevant(_ guanceIssueUUID: String, in search: IssueLinkEvidence.LabelSearch) -> [FoundJiraIssue] {
        let labels = [JiraLabel.guanceIssue(guanceIssueUUID), JiraLabel.legacyGuanceIssue(guanceIssueUUID)]
        return search.matches.filter { !Set($0.labels).isDisjoint(with: labels) }
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
