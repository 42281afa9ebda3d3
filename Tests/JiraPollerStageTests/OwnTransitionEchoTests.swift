import Foundation
import JiraAPI
import SyncCore
import Testing

/// The echo of the sync's own transition is not published. Open on a server without
/// `statuscategorychangedate` (issue 12: jira-poller published the sync's Done on 1,344 of 1,500 new
/// twins, and guance-writer spent a Guance request on each, in front of people's comments): dropping
/// every reading that did not move since the agreement was tried and withdrawn — judged against a
/// ledger guance-writer has not caught up with, it also dropped a person's move back (Done → To Do →
/// Done while the To Do waited for guance-writer), leaving Guance open and Jira done.
@Suite("jira-poller: the echo of the sync's own transition")
struct OwnTransitionEchoTests {
    /// jira-writer's steps for a Guance issue resolved before its twin exists: create, creation
    /// agreement, pending write, transition to Done, agreement with Jira's read-back; then a later
    /// edit by the sync (a comment) moves `updated`. The poller is stopped meanwhile, so it first sees
    /// the twin Done, after all of it.
    @Test("a twin the sync created and resolved, then edited: no status event, with or without statuscategorychangedate",
        arguments: [false, true])
    func ownTransitionNotPublished(withoutChangeDate: Bool) async throws {
        let bed = try await PollerTestBed(
            simulatorArguments: withoutChangeDate ? ["--jira-without-status-category-change-date"] : [])
        do {
            if withoutChangeDate {
                try await withKnownIssue("issue 12: the echo is published when Jira dates statuses by `updated`") {
                    try await scenario(bed)
                }
            } else {
                try await scenario(bed)
            }
        } catch {
            await bed.stop()
            throw error
        }
        await bed.stop()
    }

    private func scenario(_ bed: PollerTestBed) async throws {
        let watching = try bed.startPoller()
        try #require(try await bed.waitForCheckpoint())
        #expect(try await PollerTestBed.stop(watching) == 0)

        let guanceUUID = PollerTestBed.guanceUUID()
        let issue = try await bed.createLinkedIssue(summary: "resolved in Guance before its twin", guanceUUID: guanceUUID)
        let resolvedInGuance = try #require(SideStatus.guance(statusType: 20, updatedAt: Date(), statusChangedAt: Date()))
        let created = try await reading(bed, issue.key)
        try await bed.recordAgreement(StatusAgreement(
            guanceIssueUUID: guanceUUID, jiraIssueId: issue.id, writer: "jira-writer",
            guance: SideStatus(side: .guance, category: .open, value: "10", version: nil, changedAt: nil), jira: created))
        let pending = SideStatus(side: .jira, category: .done, value: "", version: created.version, changedAt: nil)
        try await bed.recordAgreement(StatusAgreement(
            guanceIssueUUID: guanceUUID, jiraIssueId: issue.id, writer: "jira-writer",
            guance: SideStatus(side: .guance, category: .open, value: "10", version: nil, changedAt: nil), jira: created,
            pendingWrite: pending))
        try await bed.jira.transition(as: JiraSimControl.sync, issue: issue.key, toCategory: "done")
        let written = try await reading(bed, issue.key)
        try await bed.recordAgreement(StatusAgreement(
            guanceIssueUUID: guanceUUID, jiraIssueId: issue.id, writer: "jira-writer", guance: resolvedInGuance,
            jira: written, wrote: .jira))
        _ = try await bed.jira.addComment(as: JiraSimControl.sync, issue: issue.key, text: "a later edit by the sync")
        _ = try await bed.jira.addComment(as: JiraSimControl.human, issue: issue.key, text: "END")

        try bed.startPoller()
        let events = try await bed.waitForEvents(timeout: .seconds(90)) { events in
            events.contains { $0.key == issue.id && describe($0) == "created:END" }
        }
        let ofIssue = events.filter { $0.key == issue.id }.map(describe)
        #expect(ofIssue.contains("created:END"), "\(ofIssue)")
        #expect(!ofIssue.contains { $0.hasPrefix("status:") }, "the sync's own Done was published: \(ofIssue)")
    }

    /// Jira's status reading of `key`, as jira-writer reads it back.
    private func reading(_ bed: PollerTestBed, _ key: String) async throws -> SideStatus {
        let fields = try await bed.jira.fields(
            as: JiraSimControl.sync, issue: key, ["status", "statuscategorychangedate", "updated"])
        let status = fields["status"] as? [String: Any]
        let category = (status?["statusCategory"] as? [String: Any])?["key"] as? String
        return try #require(SideStatus.jira(
            categoryKey: category ?? "", statusId: status?["id"] as? String ?? "",
            statusCategoryChangedAt: (fields["statuscategorychangedate"] as? String).flatMap(JiraTimestamp.parse),
            updated: (fields["updated"] as? String).flatMap(JiraTimestamp.parse)))
    }
}
