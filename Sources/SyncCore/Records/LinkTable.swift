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

    /// Applies one record of the topic (a `nil` value is a tombstone; a withdrawal removes the
    /// key's record only while the attempt it names is the latest).
    public mutating func apply(key: String, record: LinkRecord?) {
        var record = record
        if let withdrawn = record?.withdraws {
            guard latest(key: key)?.attemptID == withdrawn else { return }
            record = nil
        }
        if key.hasPrefix(Self.intentKeyPrefix) {
            // Create intents are kept apart: they are not links (not listed, not counted).
            let mark = String(key.dropFirst(Self.intentKeyPrefix.count))
            if let record, !Self.admits(record, over: intents[mark]) { return }
            intents[mark] = record
            return
        }
        if let record, !Self.admits(record, over: byKey[key]) { return }
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

    /// The latest record of a topic key, intents included (what an attempt's read-back compares).
    public func latest(key: String) -> LinkRecord? {
        if key.hasPrefix(Self.intentKeyPrefix) { return intents[String(key.dropFirst(Self.intentKeyPrefix.count))] }
        return byKey[key]
    }

    /// The pending create intent of a Guance issue (see ``LinkRecord/Kind/createIntent``).
    public func createIntent(guanceIssueUUID: String) -> LinkRecord? {
        intents[guanceIssueUUID]
    }

    private static let intentKeyPrefix = "intent/"

    /// First on the log wins: an attempt (a record with an ``LinkRecord/attemptID``: a create
    /// intent) replaces the latest record of its key only if its decision was based on it
    /// (``LinkRecord/supersedes``). An attempt decided on an older state lost the race to the record
    /// written meanwhile and is ignored — by every replica alike, as all read the same log. An
    /// attempt never replaces a finished link, except a comment link to another Jira issue than its
    /// own (the pair's issue was deleted and recreated, or a recurrence got a new issue: the reply's
    /// comment is added to the current one) when it was decided on that link
    /// (``LinkRecord/claimBasis``); with no record (none yet, a tombstone, a compacted topic) any is
    /// taken. Records without an attempt id (links, older intents) always apply.
    static func admits(_ record: LinkRecord, over latest: LinkRecord?) -> Bool {
        guard record.attemptID != nil, let latest else { return true }
        if !latest.isIntent {
            guard latest.kind == .comment, record.kind == .comment, latest.jiraIssueId != record.jiraIssueId else { return false }
        }
        return latest.claimBasis == record.supersedes
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
