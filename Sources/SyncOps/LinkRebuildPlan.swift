import Foundation
import SyncCore

/// What `syncctl links rebuild` writes: links found in Jira that the table lacks, with provenance
/// ``LinkRecord/Provenance/rebuilt``. An existing link is never overwritten: a different one is
/// reported as a conflict for a person to resolve.
package struct LinkRebuildPlan: Sendable, Hashable, Codable {
    /// A found pair that disagrees with the table or with another Jira issue.
    package struct Conflict: Sendable, Hashable, Codable {
        /// The link-table key concerned (`issue/<uuid>`, `reply/<uuid>`).
        package var key: String
        /// What the table (or the first Jira issue found) says.
        package var existing: String
        /// What this Jira issue or comment says.
        package var found: String
    }

    /// Links to write.
    package var missing: [LinkRecord]
    /// Found pairs the table already holds.
    package var alreadyLinked: Int
    /// Found pairs left alone because they disagree.
    package var conflicts: [Conflict]

    /// Compares `candidates` with `table`. Several Jira issues for one Guance issue: the oldest
    /// (lowest numeric id) wins, as in jira-writer, and the others are conflicts.
    package static func make(candidates: [LinkCandidate], table: LinkTable, now: Date) -> LinkRebuildPlan {
        var plan = LinkRebuildPlan(missing: [], alreadyLinked: 0, conflicts: [])
        var chosen: [String: LinkCandidate] = [:]
        for candidate in candidates.sorted(by: { precedes($0.jiraIssueId, $1.jiraIssueId) }) {
            if let first = chosen[candidate.guanceIssueUUID] {
                plan.conflicts.append(Conflict(
                    key: "issue/\(candidate.guanceIssueUUID)", existing: "Jira \(first.jiraIssueKey) (oldest)",
                    found: "Jira \(candidate.jiraIssueKey)"))
                continue
            }
            chosen[candidate.guanceIssueUUID] = candidate
            plan.add(issueOf: candidate, table: table, now: now)
            for comment in candidate.comments {
                plan.add(comment, of: candidate, table: table, now: now)
            }
        }
        return plan
    }

    private mutating func add(issueOf candidate: LinkCandidate, table: LinkTable, now: Date) {
        let key = "issue/\(candidate.guanceIssueUUID)"
        if let existing = table.issueLink(guanceIssueUUID: candidate.guanceIssueUUID) {
            if existing.jiraIssueId == candidate.jiraIssueId {
                alreadyLinked += 1
            } else {
                conflicts.append(Conflict(
                    key: key, existing: "Jira \(existing.jiraIssueKey) (id \(existing.jiraIssueId))",
                    found: "Jira \(candidate.jiraIssueKey) (id \(candidate.jiraIssueId))"))
            }
            return
        }
        if let other = table.issueLink(jiraIssueId: candidate.jiraIssueId) {
            conflicts.append(Conflict(
                key: key, existing: "Jira \(candidate.jiraIssueKey) is linked to Guance \(other.guanceIssueUUID)",
                found: "Guance \(candidate.guanceIssueUUID)"))
            return
        }
        missing.append(LinkRecord(
            kind: .issue, guanceIssueUUID: candidate.guanceIssueUUID, jiraIssueId: candidate.jiraIssueId,
            jiraIssueKey: candidate.jiraIssueKey, origin: .guance, provenance: .rebuilt, linkedAt: now))
    }

    private mutating func add(_ comment: LinkCandidate.Comment, of candidate: LinkCandidate, table: LinkTable, now: Date) {
        let key = "reply/\(comment.guanceReplyUUID)"
        // A comment intent (an add jira-writer claimed) is not a link: the comment found replaces it.
        if let existing = table.commentLink(guanceReplyUUID: comment.guanceReplyUUID), !existing.isIntent {
            if existing.jiraCommentId == comment.jiraCommentId {
                alreadyLinked += 1
            } else {
                conflicts.append(Conflict(
                    key: key, existing: "Jira comment \(existing.jiraCommentId ?? "?")",
                    found: "Jira comment \(comment.jiraCommentId) on \(candidate.jiraIssueKey)"))
            }
            return
        }
        if let other = table.commentLink(jiraCommentId: comment.jiraCommentId) {
            conflicts.append(Conflict(
                key: key, existing: "Jira comment \(comment.jiraCommentId) is linked to reply \(other.guanceReplyUUID ?? "?")",
                found: "reply \(comment.guanceReplyUUID)"))
            return
        }
        missing.append(LinkRecord(
            kind: .comment, guanceIssueUUID: candidate.guanceIssueUUID, jiraIssueId: candidate.jiraIssueId,
            jiraIssueKey: candidate.jiraIssueKey, guanceReplyUUID: comment.guanceReplyUUID,
            jiraCommentId: comment.jiraCommentId, origin: .guance, provenance: .rebuilt, linkedAt: now))
    }

    /// Numeric ids in number order (older issues first), others after by text.
    private static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        switch (Int64(lhs), Int64(rhs)) {
        case let (left?, right?): left < right
        case (.some, nil): true
        case (nil, .some): false
        case (nil, nil): lhs < rhs
        }
    }
}
