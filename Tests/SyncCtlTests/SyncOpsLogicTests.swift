import Foundation
import JiraAPI
import JiraWriter
import RichText
import SyncCore
import SyncOps
import Testing

/// The operations' decisions, in-process: dead-letter state, link rebuild plans, status attention.
@Suite("syncctl operations logic")
struct SyncOpsLogicTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    static func letter(offset: Int64, failedAt: Date = now) -> DeadLetter {
        DeadLetter(
            reason: DeadLetter.Reason(code: "invalid-event", message: "does not parse"), writer: "jira-writer",
            failedAt: failedAt, attempts: 1, source: DeadLetter.Source(topic: "guance.events.v1", partition: 0, offset: offset),
            key: "issue_1", headers: [], value: Array("{}".utf8))
    }

    @Test("a redrive marker hides its letter from the open list; a tombstone forgets both; markers decode apart from letters")
    func deadLetterTable() throws {
        var table = DeadLetterTable()
        let older = Self.letter(offset: 7, failedAt: Self.now.addingTimeInterval(-60))
        let newer = Self.letter(offset: 8)
        let encoder = SyncEventCodec.makeEncoder()
        for letter in [newer, older] {
            table.apply(key: letter.id, entry: try .decode(Array(try encoder.encode(letter))))
        }
        #expect(table.open.map(\.id) == [older.id, newer.id])
        let marker = DeadLetterRedrive(
            deadLetterID: older.id, redrivenAt: Self.now, target: DeadLetter.Source(topic: "guance.events.v1", partition: 0, offset: 9))
        let decoded = try DeadLetterTable.Entry.decode(Array(try encoder.encode(marker)))
        #expect(decoded == .redriven(marker))
        table.apply(key: older.id, entry: decoded)
        #expect(table.open.map(\.id) == [newer.id])
        #expect(table.redrivenCount == 1)
        #expect(table.letter(id: older.id) == older, "show still finds a redriven letter")
        table.apply(key: older.id, entry: nil)
        #expect(table.letter(id: older.id) == nil && table.redrive(of: older.id) == nil)
    }

    @Test("recognises issues by property, sync label, then the old script's raw UUID label; ignores other labels and recurrence marks")
    func recognition() {
        let sync = JiraUser(accountId: "acc-sync")
        let rule = AdoptionRule(projects: ["OPS"], syncAccount: JiraSyncAccount(myself: sync))
        func issue(_ labels: [String], property: JSONValue? = nil) -> JiraIssue {
            var fields = JiraIssueFields()
            fields.labels = labels
            fields.project = JiraNamedReference(id: "10000", key: "OPS")
            fields.creator = sync
            return JiraIssue(id: "10001", key: "OPS-1", fields: fields, properties: property.map { ["guance.sync": $0] } ?? [:])
        }
        func candidate(_ issue: JiraIssue) -> LinkCandidate? {
            guard case .trusted(let candidate)? = LinkRebuilder.recognise(issue, propertyKey: "guance.sync", rule: rule) else { return nil }
            return candidate
        }
        let marker = JSONValue.object(["issueUuid": .string("issue_p"), "origin": .string("guance")])
        #expect(candidate(issue(["guance-issue_l"], property: marker))?.evidence == .property)
        #expect(candidate(issue(["guance", "guance-issue_l"]))?.guanceIssueUUID == "issue_l")
        #expect(candidate(issue(["guance-issue_l-r1795000000000", "guance-issue_l"]))?.guanceIssueUUID == "issue_l")
        #expect(candidate(issue(["issue_raw"]))?.evidence == .legacyLabel)
        #expect(LinkRebuilder.recognise(issue(["guance", "guance-prod"]), propertyKey: "guance.sync", rule: rule) == nil)
        #expect(LinkRebuilder.recognise(issue(["guance", "guance-issue_l-r17"]), propertyKey: "guance.sync", rule: rule) == nil)
    }

    @Test("an issue naming a Guance issue (label or property) is refused unless the sync or migration account created it in a routed project")
    func refusal() {
        let rule = AdoptionRule(
            projects: ["OPS"], syncAccount: JiraSyncAccount(identifiers: ["sync"]),
            migrationAccount: JiraSyncAccount(identifiers: ["dataflux"]))
        func issue(_ labels: [String], project: String = "OPS", creator: String, property: JSONValue? = nil) -> JiraIssue {
            var fields = JiraIssueFields()
            fields.labels = labels
            fields.project = JiraNamedReference(id: "1", key: project)
            fields.creator = JiraUser(name: creator, key: creator)
            fields.reporter = JiraUser(name: "sync", key: "sync")
            return JiraIssue(id: "7", key: "\(project)-7", fields: fields, properties: property.map { ["guance.sync": $0] } ?? [:])
        }
        func verdict(_ issue: JiraIssue) -> String {
            switch LinkRebuilder.recognise(issue, propertyKey: "guance.sync", rule: rule) {
            case .trusted(let candidate)?: "trusted \(candidate.guanceIssueUUID)"
            case .refused(let refusal)?: "refused \(refusal.guanceIssueUUID)"
            case nil: "none"
            }
        }
        let marker = JSONValue.object(["issueUuid": .string("issue_p"), "origin": .string("guance")])
        #expect(verdict(issue(["guance-issue_a"], creator: "alice")) == "refused issue_a")
        #expect(verdict(issue(["guance"], creator: "alice", property: marker)) == "refused issue_p")
        #expect(verdict(issue(["issue_a"], creator: "dataflux")) == "trusted issue_a")
        #expect(verdict(issue(["issue_a"], project: "SUP", creator: "dataflux")) == "refused issue_a")
        #expect(verdict(issue(["guance-issue_a"], project: "SUP", creator: "sync")) == "refused issue_a")
    }

    @Test("plans only missing links, keeps the oldest of duplicate Jira issues, reports every disagreement")
    func rebuildPlan() {
        var table = LinkTable()
        table.apply(LinkRecord(
            kind: .issue, guanceIssueUUID: "issue_same", jiraIssueId: "1", jiraIssueKey: "OPS-1", origin: .guance,
            provenance: .created, linkedAt: Self.now))
        table.apply(LinkRecord(
            kind: .issue, guanceIssueUUID: "issue_other", jiraIssueId: "2", jiraIssueKey: "OPS-2", origin: .guance,
            provenance: .created, linkedAt: Self.now))
        let candidates = [
            LinkCandidate(guanceIssueUUID: "issue_same", jiraIssueId: "1", jiraIssueKey: "OPS-1", evidence: .label),
            LinkCandidate(guanceIssueUUID: "issue_other", jiraIssueId: "3", jiraIssueKey: "OPS-3", evidence: .label),
            LinkCandidate(guanceIssueUUID: "issue_taken", jiraIssueId: "2", jiraIssueKey: "OPS-2", evidence: .label),
            LinkCandidate(
                guanceIssueUUID: "issue_new", jiraIssueId: "12", jiraIssueKey: "OPS-12", evidence: .property,
                comments: [LinkCandidate.Comment(guanceReplyUUID: "reply_1", jiraCommentId: "500")]),
            LinkCandidate(guanceIssueUUID: "issue_new", jiraIssueId: "11", jiraIssueKey: "OPS-11", evidence: .label),
        ]
        let plan = LinkRebuildPlan.make(candidates: candidates, table: table, now: Self.now)
        #expect(plan.alreadyLinked == 1)
        #expect(plan.missing.map(\.key) == ["issue/issue_new"])
        #expect(plan.missing.first?.jiraIssueId == "11", "the oldest Jira issue wins, as in jira-writer")
        #expect(plan.missing.allSatisfy { $0.provenance == .rebuilt })
        #expect(Set(plan.conflicts.map(\.key)) == ["issue/issue_other", "issue/issue_taken", "issue/issue_new"])
    }

    @Test("a comment intent jira-writer left (an add claimed, never linked) is not a link: the comment found is planned")
    func rebuildOverCommentIntent() {
        var table = LinkTable()
        var intent = LinkRecord(
            kind: .comment, guanceIssueUUID: "issue_a", jiraIssueId: "12", jiraIssueKey: "OPS-12", guanceReplyUUID: "reply_1",
            origin: .guance, provenance: .created, linkedAt: Self.now)
        intent.attemptID = "attempt-1"
        table.apply(intent)
        let candidates = [
            LinkCandidate(
                guanceIssueUUID: "issue_a", jiraIssueId: "12", jiraIssueKey: "OPS-12", evidence: .property,
                comments: [LinkCandidate.Comment(guanceReplyUUID: "reply_1", jiraCommentId: "500")]),
        ]
        let plan = LinkRebuildPlan.make(candidates: candidates, table: table, now: Self.now)
        #expect(plan.conflicts.isEmpty)
        #expect(plan.missing.map(\.key) == ["issue/issue_a", "reply/reply_1"])
    }

    @Test("status needs attention for open dead letters and for stale checkpoints only")
    func statusAttention() {
        let fresh = PollerCheckpoint(poller: "guance-poller", scope: "default", cursor: Self.now, writtenAt: Self.now.addingTimeInterval(-30))
        let healthy = StatusReport(
            groups: [], links: LinkTable(), deadLetters: DeadLetterTable(), checkpoints: [fresh], staleAfter: 600, now: Self.now)
        #expect(!healthy.needsAttention)
        var letters = DeadLetterTable()
        letters.apply(key: "x", entry: .letter(Self.letter(offset: 1)))
        let stale = PollerCheckpoint(poller: "jira-poller", scope: "OPS", cursor: Self.now, writtenAt: Self.now.addingTimeInterval(-601))
        let report = StatusReport(
            groups: [], links: LinkTable(), deadLetters: letters, checkpoints: [fresh, stale], staleAfter: 600, now: Self.now)
        #expect(report.attention.count == 2)
        #expect(report.checkpoints.map(\.stale) == [false, true])
    }
}
