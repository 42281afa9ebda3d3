import Foundation
import JiraWriter
import SyncCore
import Testing

@Suite("Exactly-once decision for a Guance issue's Jira issue")
struct IssueLinkResolverTests {
    static let uuid = "issue_7f3a9c"
    static let now = Date(timeIntervalSince1970: 1_795_000_000)
    let resolver = IssueLinkResolver(settleSeconds: 120, retrySeconds: 10)

    static func found(_ id: String, _ labels: [String]) -> FoundJiraIssue {
        FoundJiraIssue(id: id, key: "OPS-\(id)", labels: labels)
    }

    static func search(_ matches: [FoundJiraIssue], reconciled: Bool, emptySince: Date? = nil) -> IssueLinkEvidence.LabelSearch {
        .init(matches: matches, reconciled: reconciled, emptySince: emptySince)
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

    @Test("An issue labelled by the old DataFlux Func script (raw UUID) is adopted and gets the sync label")
    func legacyLabel() {
        let decision = decide(.init(search: Self.search([Self.found("7", ["issue_7f3a9c"])], reconciled: true)))
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
