import Foundation

/// One row of the link table (`sync.links.v1`): which thing on one side mirrors which on the other.
///
/// Writers put a record right after the effect exists on the other side (and before committing
/// the event offset), so a crash between the two is repaired on the next attempt by finding the
/// link (or the durable marker in Jira) instead of creating a duplicate.
public struct LinkRecord: Sendable, Hashable, Codable {
    /// What is linked.
    public var kind: Kind
    /// The Guance issue UUID (every link belongs to one issue pair).
    public var guanceIssueUUID: String
    /// The Jira issue id.
    public var jiraIssueId: String
    /// The Jira issue key when the link was written (keys change on moves; the id does not).
    public var jiraIssueKey: String
    /// For reply/comment links: the Guance reply UUID.
    public var guanceReplyUUID: String?
    /// For reply/comment links: the Jira comment id.
    public var jiraCommentId: String?
    /// Which side the linked item was created on (`guance` when a Guance reply became a Jira comment).
    public var origin: EventOrigin
    /// How the link was established: `created` by the sync, `adopted` (found by label or property,
    /// e.g. from the old DataFlux Func script), or `rebuilt` by `syncctl links rebuild`.
    public var provenance: Provenance
    /// The event that caused the link, if any.
    public var eventID: EventID?
    /// When the link was written.
    public var linkedAt: Date
    /// For an issue link under `policies.jiraIssueDeleted: unlink`: when jira-writer found the Jira
    /// issue deleted. The pair is detached: nothing is synced for it any more.
    public var jiraIssueDeletedAt: Date?
    /// For an intent (``isIntent``): this attempt's id (unique per attempt).
    public var attemptID: String?
    /// For an intent: the ``attemptID`` of the intent the writer's decision was based on
    /// (`nil`: there was none). ``LinkTable`` accepts an intent only while that is still the latest,
    /// so of two writers deciding on the same basis only the first on the log may create.
    public var supersedes: String?
    /// For a withdrawal: the ``attemptID`` it withdraws. ``LinkTable`` removes the key's record only
    /// while that attempt is still the latest, in log order (a tombstone would remove whatever another
    /// writer put there between the withdrawer's check and its write); the record itself is never a link.
    public var withdraws: String?

    /// Whether the record is an intent, not a link: a create intent; a reply intent (a Jira comment's
    /// record without its Guance reply yet, written by guance-writer before the create); a comment
    /// intent (a Guance reply's record without its Jira comment yet, written by jira-writer before
    /// the add).
    public var isIntent: Bool {
        switch (kind, origin) {
        case (.createIntent, _): true
        case (.comment, .jira): (guanceReplyUUID ?? "").isEmpty
        case (.comment, .guance): (jiraCommentId ?? "").isEmpty
        case (.issue, _): false
        }
    }

    /// The withdrawal of `attempt`, an attempt of this record's key (``withdraws``).
    public func withdrawal(of attempt: String) -> LinkRecord {
        var withdrawal = self
        withdrawal.withdraws = attempt
        withdrawal.attemptID = nil
        withdrawal.supersedes = nil
        return withdrawal
    }

    /// What an attempt decided on this record names as its basis (``supersedes``): an intent's
    /// ``attemptID``; for a finished comment link, its Jira issue and comment (an attempt may replace
    /// it only for another Jira issue: the pair's issue was replaced, see ``LinkTable``).
    public var claimBasis: String? {
        if isIntent { return attemptID }
        guard kind == .comment else { return nil }
        return "link:\(jiraIssueId):\(jiraCommentId ?? "")"
    }

    /// Whether the pair is detached (its Jira issue was deleted and the policy is `unlink`).
    public var isDetached: Bool { jiraIssueDeletedAt != nil }

    /// Creates a record.
    public init(
        kind: Kind, guanceIssueUUID: String, jiraIssueId: String, jiraIssueKey: String, guanceReplyUUID: String? = nil,
        jiraCommentId: String? = nil, origin: EventOrigin, provenance: Provenance, eventID: EventID? = nil, linkedAt: Date
    ) {
        self.kind = kind
        self.guanceIssueUUID = guanceIssueUUID
        self.jiraIssueId = jiraIssueId
        self.jiraIssueKey = jiraIssueKey
        self.guanceReplyUUID = guanceReplyUUID
        self.jiraCommentId = jiraCommentId
        self.origin = origin
        self.provenance = provenance
        self.eventID = eventID
        self.linkedAt = linkedAt
    }

    /// A create intent for `mark` (a Guance issue UUID, or a recurrence mark); its attempt id and
    /// basis are set when it is claimed (`LinkStore.claim(_:supersedes:)`).
    public static func createIntent(mark: String, eventID: EventID?, at date: Date) -> LinkRecord {
        LinkRecord(
            kind: .createIntent, guanceIssueUUID: mark, jiraIssueId: "", jiraIssueKey: "", origin: .guance,
            provenance: .created, eventID: eventID, linkedAt: date)
    }

    /// What a link connects.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A Guance issue and its Jira issue.
        case issue
        /// A Guance reply and the Jira comment mirroring it (or the reverse; see ``LinkRecord/origin``).
        case comment
        /// Not a link yet: jira-writer is about to create the Jira issue of ``LinkRecord/guanceIssueUUID``
        /// (written, and acknowledged, before the create; ``LinkRecord/linkedAt`` is the attempt time).
        /// After a crash between the create and the link, it tells the restarted writer that an issue
        /// may exist that a lagging search does not show yet, so it waits instead of creating again.
        /// Two writers handling the same issue at once (one of them evicted from the group without
        /// knowing it yet) both write one: only the first on the log counts (``LinkRecord/supersedes``),
        /// and the other waits for its outcome instead of creating a second issue.
        case createIntent
    }

    /// How a link came to be.
    public enum Provenance: String, Sendable, Hashable, Codable {
        /// The sync created the other side.
        case created
        /// The other side already existed and was found by its marker.
        case adopted
        /// Restored from Jira labels after the table was lost.
        case rebuilt
    }

    /// The record key on `sync.links.v1`: `issue/<guance issue>` for issue links;
    /// `reply/<guance reply>` for a Guance reply mirrored into Jira; `comment/<jira comment>` for a Jira
    /// comment mirrored into Guance; `intent/<guance issue>` for a create intent.
    public var key: String {
        switch (kind, origin) {
        case (.issue, _): "issue/\(guanceIssueUUID)"
        case (.comment, .guance): "reply/\(guanceReplyUUID ?? "")"
        case (.comment, .jira): "comment/\(jiraCommentId ?? "")"
        case (.createIntent, _): "intent/\(guanceIssueUUID)"
        }
    }
}
