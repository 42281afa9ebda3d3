import Foundation
import JiraAPI
import JiraWriter
import Logging
import RichText
import SyncCore

/// Finds, in Jira, the issues and comments the sync wrote, for `syncctl links rebuild`.
///
/// An issue is recognised, in this order, by the sync's issue property (`jira.propertyKey`), by
/// its label `guance-<uuid>` (``JiraWriter/JiraLabel/guanceIssue(_:)``), or by the old DataFlux
/// Func script's label, the raw UUID. Guance issue UUIDs start with `issue_` (documented examples
/// and the simulator); labels are only read as UUIDs when they do, so a routing label such as
/// `guance-prod` is never mistaken for one. Comments are recognised by the sync's comment property.
public struct LinkRebuilder: Sendable {
    private let jira: JiraClient
    private let propertyKey: String
    private let logger: Logger

    /// The prefix of Guance issue UUIDs.
    public static let guanceIssuePrefix = "issue_"

    /// The prefix of the sync's issue label (``JiraWriter/JiraLabel/guanceIssue(_:)`` writes
    /// `guance-` + the UUID, which slugging leaves unchanged for `issue_<hex>` UUIDs).
    public static let syncLabelPrefix = "guance-"

    /// Creates a rebuilder.
    public init(jira: JiraClient, propertyKey: String, logger: Logger) {
        self.jira = jira
        self.propertyKey = propertyKey
        self.logger = logger
    }

    /// The default search: issues carrying one of the configured labels (every issue the sync
    /// creates has them), oldest first.
    public static func defaultJQL(labels: [String]) -> String? {
        guard !labels.isEmpty else { return nil }
        let quoted = labels.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        return "labels in (\(quoted.joined(separator: ", "))) ORDER BY created ASC"
    }

    /// Every recognised issue matching `jql`, with its comments when `includeComments`.
    public func candidates(jql: String, includeComments: Bool) async throws -> [LinkCandidate] {
        let query = JiraSearchQuery(jql: jql, fields: ["labels"], properties: [propertyKey])
        var found: [LinkCandidate] = []
        for try await issue in try jira.search(query) {
            guard var candidate = Self.recognise(issue, propertyKey: propertyKey) else {
                logger.debug("Jira issue without a Guance marker skipped", metadata: ["jira.key": "\(issue.key)"])
                continue
            }
            if includeComments {
                for try await comment in jira.comments(issue: issue.id) {
                    guard let reply = SyncMarker.replyUUID(inCommentProperty: comment.properties[propertyKey]) else { continue }
                    candidate.comments.append(LinkCandidate.Comment(guanceReplyUUID: reply, jiraCommentId: comment.id))
                }
            }
            found.append(candidate)
        }
        return found
    }

    /// The Guance issue `issue` mirrors, if it says (property `propertyKey`, then labels).
    public static func recognise(_ issue: JiraIssue, propertyKey: String) -> LinkCandidate? {
        func candidate(_ uuid: String, _ evidence: LinkCandidate.Evidence) -> LinkCandidate {
            LinkCandidate(guanceIssueUUID: uuid, jiraIssueId: issue.id, jiraIssueKey: issue.key, evidence: evidence)
        }
        if let uuid = SyncMarker.issueUUID(inIssueProperty: issue.properties[propertyKey]) {
            return candidate(uuid, .property)
        }
        let labels = issue.fields.labels ?? []
        if let label = labels.first(where: { $0.hasPrefix(syncLabelPrefix + guanceIssuePrefix) }) {
            return candidate(String(label.dropFirst(syncLabelPrefix.count)), .label)
        }
        if let label = labels.first(where: { $0.hasPrefix(guanceIssuePrefix) }) {
            return candidate(label, .legacyLabel)
        }
        return nil
    }
}
