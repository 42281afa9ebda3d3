import Foundation
import JiraAPI
import JiraWriter
import SyncCore
import Testing

@Suite("Exactly-once decision for a Guance issue's Jira issue")
struct IssueLinkResolverTests {
    static let uuid = "issue_7f3a9c"
    static let now = Date(timeIntervalSince1970: 1_795_000_000)
    let resolver = IssueLinkResolver(settleSeconds: 120, retrySeconds: 10)

    static let sync = JiraUser(accountId: "acc-sync", displayName: "Guance Sync")
    static let oldScript = JiraUser(accountId: "acc-dataflux", displayName: "DataFlux Func")
    static let person = JiraUser(accountId: "acc-mallory", displayName: "Mallory")
    /// Issues go to OPS and DBA; the old script's account is configured for the migration.
    static let rule = AdoptionRule(
        projects: ["OPS", "DBA"], syncAccount: JiraSyncAccount(myself: sync),
        migrationAccount: JiraSyncAccount(identifiers: ["acc-dataflux"]))

    /// A found issue, by default in OPS and created by the sync account.
    static func found(_ id: String, _ labels: [String], project: String = "OPS", creator: JiraUser = sync) -> FoundJiraIssue {
        FoundJiraIssue(id: id, key: "\(project)-\(id)", labels: labels, projectKey: project, creator: creator)
    }

    static func search(
        _ matches: [FoundJiraIssue], reconciled: Bool, emptySince: Date? = nil, rule: AdoptionRule = rule
    ) -> IssueLinkEvidence.LabelSearch {
        .init(matches: matches, rule: rule, reconciled: reconciled, emptySince: emptySince)
    }

    func decide(_ evidence: IssueLinkEvidence) -> IssueLinkDecision {
        resolver.decide(guanceIssueUUID: Self.uuid, evidence: evidence, now: Self.now)
    }

    @Test("A link in the table wins over anything a search says")
    func linked() {
        let link = LinkRecord(
            kind: .issue, guanceIssueUUID: Self.uuid, jiraIssueId: "10", jiraIssueKey: "OPS-10", origin: .guance,
            provenance: .created, linkedAt: Self.now
        )
        let evidence = IssueLinkEvidence(link: link, search: Self.search([Self.found("5", ["guance-issue_7f3a9c"])], reconciled: true))
        #expect(decide(evidence) == .useLinked(link))
    }

    @Test("Without a link, search both the sync label and the old script's raw UUID first")
    func searchFirst() {
        #expect(decide(IssueLinkEvidence()) == .search(labels: ["guance-issue_7f3a9c", "issue_7f3a9c"]))
    }

    @Test("An issue with the sync label is adopted as it is")
    func syncLabel() throws {
        let decision = decide(.init(search: Self.search([Self.found("42", ["guance", "guance-issue_7f3a9c"])], reconciled: false)))
        guard case .adopt(let adoption) = decision else { Issue.record("expected adopt, got \(decision)"); return }
        #expect(adoption.issue.id == "42")
        #expect(adoption.provenance == .adopted)
        #expect(!adoption.foundByLegacyLabel)
        #expect(adoption.labelsToAdd.isEmpty)
        #expect(adoption.duplicates.isEmpty)
    }

    @Test("An issue labelled by the old DataFlux Func script (raw UUID), created by its configured account, is adopted and gets the sync label")
    func legacyLabel() {
        let decision = decide(.init(search: Self.search([Self.found("7", ["issue_7f3a9c"], creator: Self.oldScript)], reconciled: true)))
        guard case .adopt(let adoption) = decision else { Issue.record("expected adopt, got \(decision)"); return }
        #expect(adoption.issue.id == "7")
        #expect(adoption.foundByLegacyLabel)
        #expect(adoption.labelsToAdd == ["guance-issue_7f3a9c"])
    }

    @Test("Several matches: the lowest numeric id is kept, the others reported in order")
    func duplicates() {
        let matches = [
            Self.found("1000", ["guance-issue_7f3a9c"]), Self.found("999", ["issue_7f3a9c"]),
            Self.found("20000", ["guance-issue_7f3a9c"]), Self.found("31", ["unrelated"]),
        ]
        let decision = decide(.init(search: Self.search(matches, reconciled: true)))
        guard case .adopt(let adoption) = decision else { Issue.record("expected adopt, got \(decision)"); return }
        #expect(adoption.issue.id == "999")
        #expect(adoption.duplicates.map(\.id) == ["1000", "20000"])
    }

    @Test("A person's issue carrying the labels (even with the sync account as reporter) is never adopted: nothing found, create")
    func spoofIsNotAdopted() {
        let spoof = Self.found("5", ["guance", "guance-issue_7f3a9c", "issue_7f3a9c"], creator: Self.person)
        let search = Self.search([spoof], reconciled: true)
        #expect(decide(.init(search: search)) == .create)
        let refused = resolver.refused(guanceIssueUUID: Self.uuid, in: search)
        #expect(refused.map(\.issue.key) == ["OPS-5"])
        #expect(refused.first?.reason.contains("Mallory (acc-mallory)") == true)
        // Unreconciled: the spoof does not count as "found" either; the usual wait applies.
        #expect(decide(.init(search: Self.search([spoof], reconciled: false))) == .waitAndRetry(
            seconds: 10, reason: "label search not reconciled; it may lag"))
    }

    @Test("The sync's own or the old script's issue outside the routed projects is not adopted")
    func otherProjectIsNotAdopted() {
        let moved = Self.found("6", ["guance-issue_7f3a9c"], project: "HR")
        let legacy = Self.found("4", ["issue_7f3a9c"], project: "SUP", creator: Self.oldScript)
        let search = Self.search([legacy, moved], reconciled: true)
        #expect(decide(.init(search: search)) == .create)
        #expect(resolver.refused(guanceIssueUUID: Self.uuid, in: search).map(\.issue.id) == ["4", "6"])
    }

    @Test("Without jira.migrationAccount the old script's issues are not adopted; only the sync's own are")
    func noMigrationAccount() {
        let rule = AdoptionRule(projects: ["OPS"], syncAccount: JiraSyncAccount(myself: Self.sync))
        let legacy = Self.found("7", ["issue_7f3a9c"], creator: Self.oldScript)
        #expect(decide(.init(search: Self.search([legacy], reconciled: true, rule: rule))) == .create)
        let own = Self.found("9", ["guance-issue_7f3a9c"])
        let decision = decide(.init(search: Self.search([legacy, own], reconciled: true, rule: rule)))
        guard case .adopt(let adoption) = decision else { Issue.record("expected adopt, got \(decision)"); return }
        #expect(adoption.issue.id == "9")
        #expect(adoption.duplicates.isEmpty, "a refused issue is not a duplicate: it is never touched")
    }

    @Test("An older spoof does not displace the sync's issue, and a known create does not list it as a duplicate")
    func olderSpoof() {
        let spoof = Self.found("3", ["guance-issue_7f3a9c"], creator: Self.person)
        let own = Self.found("30", ["guance-issue_7f3a9c"])
        let decision = decide(.init(search: Self.search([spoof, own], reconciled: true)))
        guard case .adopt(let adoption) = decision else { Issue.record("expected adopt, got \(decision)"); return }
        #expect(adoption.issue.id == "30")
        #expect(adoption.duplicates.isEmpty)
        let known = decide(.init(search: Self.search([spoof, own], reconciled: true), previousCreate: .created(own)))
        guard case .adopt(let linked) = known else { Issue.record("expected adopt, got \(known)"); return }
        #expect(linked.issue.id == "30" && linked.duplicates.isEmpty)
    }

    @Test("Nothing found by a reconciled search: create")
    func createWhenReconciled() {
        #expect(decide(.init(search: Self.search([], reconciled: true))) == .create)
    }

    @Test("Nothing found by an unreconciled search: wait, and create only once it stayed empty for the settle time")
    func waitWhenUnreconciled() {
        let first = decide(.init(search: Self.search([], reconciled: false)))
        #expect(first == .waitAndRetry(seconds: 10, reason: "label search not reconciled; it may lag"))
        let recent = decide(.init(search: Self.search([], reconciled: false, emptySince: Self.now.addingTimeInterval(-115))))
        #expect(recent == .waitAndRetry(seconds: 5, reason: "label search not reconciled; it may lag"))
        let settled = decide(.init(search: Self.search([], reconciled: false, emptySince: Self.now.addingTimeInterval(-120))))
        #expect(settled == .create)
    }

    @Test("After an ambiguous create an empty search never leads straight to another create, even reconciled")
    func ambiguousCreate() {
        let attempt = IssueLinkEvidence.PreviousCreate.ambiguous(attemptedAt: Self.now.addingTimeInterval(-30))
        let decision = decide(.init(search: Self.search([], reconciled: true), previousCreate: attempt))
        guard case .waitAndRetry(let seconds, _) = decision else { Issue.record("expected wait, got \(decision)"); return }
        #expect(seconds == 10)
        let old = IssueLinkEvidence.PreviousCreate.ambiguous(attemptedAt: Self.now.addingTimeInterval(-600))
        #expect(decide(.init(search: Self.search([], reconciled: false), previousCreate: old)) == .create)
    }

    @Test("The ambiguous create shows up in search: it is ours (provenance created), not a new one")
    func ambiguousCreateFound() {
        let attempt = IssueLinkEvidence.PreviousCreate.ambiguous(attemptedAt: Self.now)
        let decision = decide(.init(search: Self.search([Self.found("77", ["guance-issue_7f3a9c"])], reconciled: false), previousCreate: attempt))
        guard case .adopt(let adoption) = decision else { Issue.record("expected adopt, got \(decision)"); return }
        #expect(adoption.issue.id == "77")
        #expect(adoption.provenance == .created)
    }

    @Test("A create known to have succeeded is linked without searching")
    func knownCreate() {
        let created = Self.found("88", ["guance-issue_7f3a9c"])
        let decision = decide(.init(previousCreate: .created(created)))
        guard case .adopt(let adoption) = decision else { Issue.record("expected adopt, got \(decision)"); return }
        #expect(adoption.issue == created)
        #expect(adoption.provenance == .created)
    }
}
