import Foundation
import JiraAPI
import JiraWriter
import Logging
import RichText
import SyncCore

/// Finds, in Jira, the issues and comments the sync wrote, for `syncctl links rebuild`.
///
/// An issue names its Guance issue, in this order, by the sync's issue property
/// (`jira.propertyKey`), by the sync label `guance-<uuid>`, or by the old DataFlux Func script's
/// label, the raw UUID (labels read with ``SyncCore/GuanceIssueLabel``, so a routing label such as
/// `guance-prod` or a recurrence label `guance-<uuid>-r<ms>` is never taken for a UUID). What an
/// issue says is a claim anyone could have made: it becomes a link only when the same
/// ``JiraWriter/AdoptionRule`` as jira-writer's adoption trusts the issue (in a routed project,
/// created by the sync's account or `jira.migrationAccount`); the others are reported as refused.
/// Comments are recognised by the sync's comment property.
package struct LinkRebuilder: Sendable {
    private let jira: JiraClient
    private let configuration: SyncConfiguration
    private let logger: Logger

    /// What a search found.
    package struct Scan: Sendable {
        /// Issues to link.
        package var candidates: [LinkCandidate]
        /// Issues naming a Guance issue that may not be linked.
        package var refused: [LinkRefusal]
    }

    /// Creates a rebuilder.
    package init(jira: JiraClient, configuration: SyncConfiguration, logger: Logger) {
        self.jira = jira
        self.configuration = configuration
        self.logger = logger
    }

    /// The default search: issues carrying one of the configured labels (every issue the sync
    /// creates has them), oldest first.
    package static func defaultJQL(labels: [String]) -> String? {
        guard !labels.isEmpty else { return nil }
        let quoted = labels.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        return "labels in (\(quoted.joined(separator: ", "))) ORDER BY created ASC"
    }

    /// Every issue matching `jql` that names a Guance issue, trusted (with its comments when
    /// `includeComments`) or refused. Asks Jira who the sync account is (`GET /myself`) first.
    package func scan(jql: String, includeComments: Bool) async throws -> Scan {
        let propertyKey = configuration.jira.propertyKey
        let rule = AdoptionRule(configuration: configuration, syncAccount: JiraSyncAccount(myself: try await jira.myself()))
        let query = JiraSearchQuery(jql: jql, fields: FoundJiraIssue.searchFields, properties: [propertyKey])
        var scan = Scan(candidates: [], refused: [])
        for try await issue in try jira.search(query) {
            switch Self.recognise(issue, propertyKey: propertyKey, rule: rule) {
            case nil:
                logger.debug("Jira issue without a Guance marker skipped", metadata: ["jira.key": "\(issue.key)"])
            case .refused(let refusal)?:
                logger.warning("Jira issue names a Guance issue but is not linked", metadata: [
                    "jira.key": "\(issue.key)", "guance.issue": "\(refusal.guanceIssueUUID)", "reason": "\(refusal.reason)",
                ])
                scan.refused.append(refusal)
            case .trusted(var candidate)?:
                if includeComments {
                    for try await comment in jira.comments(issue: issue.id) {
                        guard let reply = JiraPropertyMarker.replyUUID(inCommentProperty: comment.properties[propertyKey]) else { continue }
                        candidate.comments.append(LinkCandidate.Comment(guanceReplyUUID: reply, jiraCommentId: comment.id))
                    }
                }
                scan.candidates.append(candidate)
            }
        }
        return scan
    }

    /// What ``recognise(_:propertyKey:rule:)`` makes of an issue that names a Guance issue.
    package enum Recognition: Sendable, Hashable {
        /// The rule trusts it: a link to write (unless the table has it).
        case trusted(LinkCandidate)
        /// The rule does not trust it.
        case refused(LinkRefusal)
    }

    /// The Guance issue `issue` names (property `propertyKey`, then labels), judged by `rule`;
    /// `nil` when it names none.
    package static func recognise(_ issue: JiraIssue, propertyKey: String, rule: AdoptionRule) -> Recognition? {
        guard let (uuid, evidence) = named(issue, propertyKey: propertyKey) else { return nil }
        let verdict = rule.verdict(on: FoundJiraIssue(issue))
        if case .refused(let reason) = verdict {
            return .refused(LinkRefusal(guanceIssueUUID: uuid, jiraIssueId: issue.id, jiraIssueKey: issue.key, reason: reason))
        }
        return .trusted(LinkCandidate(guanceIssueUUID: uuid, jiraIssueId: issue.id, jiraIssueKey: issue.key, evidence: evidence))
    }

    /// The Guance issue `issue` says it mirrors, and how it says so.
    private static func named(_ issue: JiraIssue, propertyKey: String) -> (String, LinkCandidate.Evidence)? {
        if let uuid = JiraPropertyMarker.issueUUID(inIssueProperty: issue.properties[propertyKey]) {
            return (uuid, .property)
        }
        let labels = GuanceIssueLabel.parse(issue.fields.labels ?? [])
        for label in labels {
            if case .sync(let uuid) = label { return (uuid, .label) }
        }
        for label in labels {
            if case .legacy(let uuid) = label { return (uuid, .legacyLabel) }
        }
        return nil
    }
}
