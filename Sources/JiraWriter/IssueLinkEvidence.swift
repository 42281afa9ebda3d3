import Foundation
import SyncCore

/// Everything known about whether a Guance issue already has its Jira issue.
package struct IssueLinkEvidence: Sendable, Hashable {
    /// The link table's record for the Guance issue.
    package var link: LinkRecord?
    /// The label search (`labels in ("guance-<uuid>", "<uuid>")`), once made.
    package var search: LabelSearch?
    /// A create this writer already attempted for the issue, if any.
    package var previousCreate: PreviousCreate?

    /// Creates evidence.
    package init(link: LinkRecord? = nil, search: LabelSearch? = nil, previousCreate: PreviousCreate? = nil) {
        self.link = link
        self.search = search
        self.previousCreate = previousCreate
    }

    /// The result of a label search.
    package struct LabelSearch: Sendable, Hashable {
        /// The issues carrying `guance-<uuid>` or the raw UUID (old DataFlux Func script), with
        /// their project and creator (``FoundJiraIssue/searchFields``).
        package var matches: [FoundJiraIssue]
        /// Which of them may be adopted; the others are never touched.
        package var rule: AdoptionRule
        /// Whether the search was read-after-write consistent for every issue this writer may have
        /// created (Data Center, or Cloud with the recent create ids in `reconcileIssues`).
        package var reconciled: Bool
        /// Since when consecutive searches for this issue have found nothing (kept by the caller).
        package var emptySince: Date?

        /// Creates a search result.
        package init(matches: [FoundJiraIssue], rule: AdoptionRule, reconciled: Bool, emptySince: Date? = nil) {
            self.matches = matches
            self.rule = rule
            self.reconciled = reconciled
            self.emptySince = emptySince
        }
    }

    /// A create attempted earlier for the same Guance issue.
    package enum PreviousCreate: Sendable, Hashable {
        /// The create failed with an unknown outcome at this time: it may exist, unseen by search.
        case ambiguous(attemptedAt: Date)
        /// The create is known to have succeeded (e.g. properties failed afterwards).
        case created(FoundJiraIssue)
    }
}
