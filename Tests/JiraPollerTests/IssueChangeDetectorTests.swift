import Foundation
import JiraAPI
import RichText
import SyncCore
import Testing

@testable import JiraPoller

@Suite("IssueChangeDetector")
struct IssueChangeDetectorTests {
    let detector = IssueChangeDetector(
        syncAccount: JiraSyncAccount(myself: Fixtures.syncUser), propertyKey: "guance.sync", syncAssignees: false,
        baseURL: "https://example.atlassian.net/"
    )
    let t0 = Fixtures.date("2026-11-29T01:00:00Z")

    func at(_ minutes: Double) -> Date { t0.addingTimeInterval(minutes * 60) }

    func seeded(_ issue: JiraIssue, _ comments: [JiraComment] = []) -> JiraIssueSyncState {
        detector.detect(issue: issue, comments: comments, previous: nil, guanceIssueUUID: "g-1", observedAt: at(0)).state
    }

    @Test("first sight seeds state and emits no history")
    func firstSight() {
        let issue = Fixtures.issue(statusId: "5", statusName: "Done", category: "done", updated: at(0))
        let comment = Fixtures.comment(id: "1", text: "old", created: at(-60))
        let result = detector.detect(issue: issue, comments: [comment], previous: nil, guanceIssueUUID: "g-1", observedAt: at(1))
        #expect(result.events.isEmpty)
        #expect(result.state.categoryKey == "done")
        #expect(result.state.comments.keys.sorted() == ["1"])
    }

    @Test("done → new → done gives three distinct status events; a re-read gives none")
    func statusFlips() {
        var state = seeded(Fixtures.issue(updated: at(0)))
        var events: [SyncEvent] = []
        let steps = [("5", "Done", "done", "Fixed"), ("1", "To Do", "new", nil), ("5", "Done", "done", "Fixed")]
        for (index, step) in steps.enumerated() {
            let issue = Fixtures.issue(
                statusId: step.0, statusName: step.1, category: step.2, resolution: step.3, updated: at(Double(index + 1))
            )
            let result = detector.detect(issue: issue, comments: [], previous: state, guanceIssueUUID: "g-1", observedAt: at(9))
            events += result.events
            state = result.state
            let again = detector.detect(issue: issue, comments: [], previous: state, guanceIssueUUID: "g-1", observedAt: at(9))
            #expect(again.events.isEmpty)
        }
        let changes = events.compactMap { event -> JiraStatusChange? in
            if case .jiraIssueStatusChanged(let change) = event.body { return change }
            return nil
        }
        #expect(changes.map(\.categoryKey) == ["done", "new", "done"])
        #expect(changes.map(\.resolution) == ["Fixed", nil, "Fixed"])
        #expect(changes.allSatisfy { $0.issue.guanceIssueUUID == "g-1" })
        #expect(Set(events.map(\.id)).count == 3)
    }

    @Test("localized (zh) status names: a rename alone is no change; names are carried for display")
    func localizedNames() throws {
        let state = seeded(Fixtures.issue(statusId: "3", statusName: "In Progress", updated: at(0)))
        let renamed = Fixtures.issue(statusId: "3", statusName: "处理中", updated: at(1))
        #expect(detector.detect(issue: renamed, comments: [], previous: state, guanceIssueUUID: nil, observedAt: at(2)).events.isEmpty)
        let done = Fixtures.issue(statusId: "5", statusName: "完成", category: "done", resolution: "已解决", updated: at(2))
        let events = detector.detect(issue: done, comments: [], previous: state, guanceIssueUUID: nil, observedAt: at(3)).events
        let event = try #require(events.first)
        guard case .jiraIssueStatusChanged(let change) = event.body else {
            Issue.record("expected a status change, got \(events)")
            return
        }
        #expect(change.categoryKey == "done")
        #expect(change.statusName == "完成")
        #expect(change.resolution == "已解决")
    }

    @Test("a reading without the status field keeps the previous status")
    func missingStatus() {
        let state = seeded(Fixtures.issue(updated: at(0)))
        var bare = Fixtures.issue(updated: at(1))
        bare.fields.status = nil
        let result = detector.detect(issue: bare, comments: [], previous: state, guanceIssueUUID: nil, observedAt: at(2))
        #expect(result.events.isEmpty)
        #expect(result.state == state)
    }

    @Test("own comments are skipped: by Cloud accountId, by DC key, by the sync property")
    func ownCommentsSkipped() {
        let dcDetector = IssueChangeDetector(
            syncAccount: JiraSyncAccount(myself: JiraUser(name: "sync", key: "JIRAUSER10100")), propertyKey: "guance.sync",
            syncAssignees: false
        )
        let marker: JSONValue = .object(["origin": .string("guance"), "replyUuid": .string("r-1")])
        let foreignMarker: JSONValue = .object(["origin": .string("elsewhere")])
        let comments = [
            Fixtures.comment(id: "1", text: "by sync account", author: Fixtures.syncUser, created: at(1)),
            Fixtures.comment(id: "2", text: "by dc sync key", author: JiraUser(key: "JIRAUSER10100"), created: at(1)),
            Fixtures.comment(id: "3", text: "mirrored reply", created: at(1), properties: ["guance.sync": marker]),
            Fixtures.comment(id: "4", text: "human", created: at(1), properties: ["guance.sync": foreignMarker]),
        ]
        let state = seeded(Fixtures.issue(updated: at(0)))
        let cloud = detector.detect(issue: Fixtures.issue(updated: at(1)), comments: comments, previous: state, guanceIssueUUID: nil, observedAt: at(2))
        #expect(cloud.events.map(\.type) == [.jiraCommentCreated, .jiraCommentCreated])
        #expect(Set(cloud.events.map(\.key)) == ["10001"])
        let dc = dcDetector.detect(issue: Fixtures.issue(updated: at(1)), comments: comments, previous: state, guanceIssueUUID: nil, observedAt: at(2))
        let created = dc.events.compactMap { event -> String? in
            if case .jiraCommentCreated(let change) = event.body { return change.commentId }
            return nil
        }
        #expect(created == ["1", "4"])
    }

    @Test("comment created, edited (by updated, by digest), unchanged, deleted")
    func commentLifecycle() throws {
        let state0 = seeded(Fixtures.issue(updated: at(0)))
        let created = Fixtures.comment(id: "7", text: "first", created: at(1))
        let step1 = detector.detect(issue: Fixtures.issue(updated: at(1)), comments: [created], previous: state0, guanceIssueUUID: "g", observedAt: at(2))
        let event = try #require(step1.events.first)
        guard case .jiraCommentCreated(let change) = event.body else {
            Issue.record("expected a created comment, got \(step1.events)")
            return
        }
        #expect(step1.events.count == 1)
        #expect(change.bodyText == "first")
        #expect(change.author.id == "human-1")
        #expect(change.url == "https://example.atlassian.net/browse/OPS-1?focusedCommentId=7")

        let edited = Fixtures.comment(id: "7", text: "second", created: at(1), updated: at(3))
        let step2 = detector.detect(issue: Fixtures.issue(updated: at(3)), comments: [edited], previous: step1.state, guanceIssueUUID: "g", observedAt: at(4))
        #expect(step2.events.map(\.type) == [.jiraCommentEdited])

        let sameTimeNewText = Fixtures.comment(id: "7", text: "third", created: at(1), updated: at(3))
        let step3 = detector.detect(issue: Fixtures.issue(updated: at(3)), comments: [sameTimeNewText], previous: step2.state, guanceIssueUUID: "g", observedAt: at(4))
        #expect(step3.events.map(\.type) == [.jiraCommentEdited])
        #expect(step3.events.first?.id != step2.events.first?.id)

        let unchanged = detector.detect(issue: Fixtures.issue(updated: at(3)), comments: [sameTimeNewText], previous: step3.state, guanceIssueUUID: "g", observedAt: at(5))
        #expect(unchanged.events.isEmpty)

        let deleted = detector.detect(issue: Fixtures.issue(updated: at(6)), comments: [], previous: step3.state, guanceIssueUUID: "g", observedAt: at(7))
        let deletionEvent = try #require(deleted.events.first)
        guard case .jiraCommentDeleted(let deletion) = deletionEvent.body else {
            Issue.record("expected a deletion, got \(deleted.events)")
            return
        }
        #expect(deleted.events.count == 1)
        #expect(deletion.commentId == "7")
    }

    @Test("wiki markup bodies (Data Center) become plain text")
    func wikiBody() {
        #expect(IssueChangeDetector.plainText(.wiki("*bold* text")) == "bold text")
        #expect(IssueChangeDetector.plainText(Fixtures.adf("adf text")) == "adf text")
    }

    @Test("assignee changes only when configured")
    func assignee() {
        let state = seeded(Fixtures.issue(updated: at(0)))
        let assigned = Fixtures.issue(assignee: Fixtures.human, updated: at(1))
        #expect(detector.detect(issue: assigned, comments: [], previous: state, guanceIssueUUID: nil, observedAt: at(2)).events.isEmpty)
        var withAssignees = detector
        withAssignees.syncAssignees = true
        let events = withAssignees.detect(issue: assigned, comments: [], previous: state, guanceIssueUUID: nil, observedAt: at(2)).events
        guard case .jiraIssueAssigneeChanged(let change)? = events.first?.body else {
            Issue.record("expected an assignee change, got \(events)")
            return
        }
        #expect(change.assignee?.id == "human-1")
    }

    @Test("a priority set before the first poll of a twin departs from the priority it was created with")
    func priorityBeforeFirstPoll() {
        var detector = detector
        detector.syncPriorities = true
        var issue = Fixtures.issue(updated: at(1))
        issue.fields.priority = JiraNamedReference(id: "2", name: "High")
        issue.fields.all["priority"] = .object(["id": .string("2")])
        // The baseline of an issue created under watch knows no priority.
        let baseline = JiraIssueSyncState(statusId: "3", categoryKey: "indeterminate", assigneeId: nil, comments: [:])
        let created = FieldReading(side: .jira, values: ["3"], version: nil)
        let events = detector.detect(
            issue: issue, comments: [], previous: baseline, guanceIssueUUID: "g-1", observedAt: at(2),
            ledgerReadings: [.priority: created]).events
        guard case .jiraIssuePriorityChanged(let change)? = events.first?.body else {
            Issue.record("expected a priority change, got \(events)")
            return
        }
        #expect(change.priorityId == "2")
        // As created, or with nothing on the ledger: the first reading only seeds the state.
        let unchanged = FieldReading(side: .jira, values: ["2"], version: nil)
        #expect(detector.detect(
            issue: issue, comments: [], previous: baseline, guanceIssueUUID: "g-1", observedAt: at(2),
            ledgerReadings: [.priority: unchanged]).events.isEmpty)
        #expect(detector.detect(issue: issue, comments: [], previous: baseline, guanceIssueUUID: "g-1", observedAt: at(2)).events.isEmpty)
    }
}
