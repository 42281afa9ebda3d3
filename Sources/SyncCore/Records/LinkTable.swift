/// The link table in memory, built by reading `sync.links.v1` from the beginning (the topic is
/// compacted, so that is the latest record per key) and kept current as records are written.
///
/// Lookups go both ways: Guance issue → Jira issue, Jira issue id → Guance issue, and reply ⇄
/// comment. A tombstone (a key with no value) removes a link.
public struct LinkTable: Sendable {
    private var byKey: [String: LinkRecord] = [:]
    private var issueByJiraId: [String: String] = [:]
    private var replyByJiraComment: [String: String] = [:]
    private var commentByGuanceReply: [String: String] = [:]
    private var intents: [String: LinkRecord] = [:]

    /// Creates an empty table.
    public init() {}

    /// Applies one record of the topic (a `nil` value is a tombstone).
    public mutating func apply(key: String, record: LinkRecord?) {
        if key.hasPrefix(Self.intentKeyPrefix) {
            // Create intents are kept apart: they are not links (not listed, not counted).
            applyIntent(mark: String(key.dropFirst(Self.intentKeyPrefix.count)), record)
            return
        }
        if let old = byKey.removeValue(forKey: key) { unindex(old) }
        guard let record else { return }
        byKey[key] = record
        index(record)
    }

    /// Applies a record just written by this process.
    public mutating func apply(_ record: LinkRecord) {
        apply(key: record.key, record: record)
    }

    /// The issue link of a Guance issue.
    public func issueLink(guanceIssueUUID: String) -> LinkRecord? {
        byKey["issue/\(guanceIssueUUID)"]
    }

    /// The issue link of a Jira issue, by its id.
    public func issueLink(jiraIssueId: String) -> LinkRecord? {
        issueByJiraId[jiraIssueId].flatMap { byKey["issue/\($0)"] }
    }

    /// The link of a Guance reply to a Jira comment, whichever side it started on.
    public func commentLink(guanceReplyUUID: String) -> LinkRecord? {
        byKey["reply/\(guanceReplyUUID)"] ?? commentByGuanceReply[guanceReplyUUID].flatMap { byKey["comment/\($0)"] }
    }

    /// The link of a Jira comment to a Guance reply, whichever side it started on.
    public func commentLink(jiraCommentId: String) -> LinkRecord? {
        byKey["comment/\(jiraCommentId)"] ?? replyByJiraComment[jiraCommentId].flatMap { byKey["reply/\($0)"] }
    }

    /// The pending create intent of a Guance issue (see ``LinkRecord/Kind/createIntent``).
    public func createIntent(guanceIssueUUID: String) -> LinkRecord? {
        intents[guanceIssueUUID]
    }

    private static let intentKeyPrefix = "intent/"

    /// First on the log wins: an intent replaces the latest one only if it was decided on it
    /// (``LinkRecord/supersedes``); an intent decided on an older state lost the race to the one
    /// written meanwhile and is ignored — by every replica alike, as all read the same log. With no
    /// latest intent (none yet, a tombstone, or a compacted topic) any intent is taken.
    private mutating func applyIntent(mark: String, _ record: LinkRecord?) {
        guard let record else {
            intents[mark] = nil
            return
        }
        if let latest = intents[mark], record.attemptID != nil, latest.attemptID != record.supersedes { return }
        intents[mark] = record
    }

    /// Every link, for `syncctl links list`.
    public var records: [LinkRecord] { byKey.keys.sorted().compactMap { byKey[$0] } }

    /// How many links the table holds.
    public var count: Int { byKey.count }

    private mutating func index(_ record: LinkRecord) {
        switch record.kind {
        case .issue:
            issueByJiraId[record.jiraIssueId] = record.guanceIssueUUID
        case .comment:
            if let reply = record.guanceReplyUUID, let comment = record.jiraCommentId {
                replyByJiraComment[comment] = reply
                commentByGuanceReply[reply] = comment
            }
        case .createIntent:
            break
        }
    }

    private mutating func unindex(_ record: LinkRecord) {
        switch record.kind {
        case .issue:
            if issueByJiraId[record.jiraIssueId] == record.guanceIssueUUID { issueByJiraId[record.jiraIssueId] = nil }
        case .comment:
            if let reply = record.guanceReplyUUID, let comment = record.jiraCommentId {
                if replyByJiraComment[comment] == reply { replyByJiraComment[comment] = nil }
                if commentByGuanceReply[reply] == comment { commentByGuanceReply[reply] = nil }
            }
        case .createIntent:
            break
        }
    }
}
