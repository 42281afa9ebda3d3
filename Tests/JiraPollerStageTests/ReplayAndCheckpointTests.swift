import Foundation
import JiraAPI
import JiraPoller
@testable import JiraPollerStage
import RichText
import SyncCore
import Testing

@Suite("Restart state: replaying published events, checkpoint records")
struct ReplayAndCheckpointTests {
    private let detector = IssueChangeDetector(
        syncAccount: JiraSyncAccount(identifiers: ["sync-acc"]), propertyKey: "guance.sync", syncAssignees: true,
        baseURL: "https://jira.example")
    private let alice = JiraUser(accountId: "alice-1", displayName: "Alice")
    private let bob = JiraUser(accountId: "bob-1", displayName: "Bob")

    @Test("replaying a reading's events (through their JSON form) onto the old state gives the detector's new state")
    func replayMatchesDetector() throws {
        let t0 = Date(timeIntervalSince1970: 1_790_000_000.123)
        let t1 = t0.addingTimeInterval(60)
        let before = detector.detect(
            issue: issue(status: ("10000", "new"), assignee: alice, updated: t0),
            comments: [comment("1", "first", t0), comment("2", "second", t0)], previous: nil, guanceIssueUUID: "g-1",
            observedAt: t0
        ).state
        let after = detector.detect(
            issue: issue(status: ("10001", "done"), assignee: bob, updated: t1),
            comments: [comment("1", "first, edited", t0, updated: t1), comment("3", "third", t1)], previous: before,
            guanceIssueUUID: "g-1", observedAt: t1)
        #expect(after.events.map(\.type) == [
            .jiraIssueStatusChanged, .jiraIssueAssigneeChanged, .jiraCommentEdited, .jiraCommentCreated, .jiraCommentDeleted,
        ])
        let published = try after.events.map { try SyncEventCodec.decode(SyncEventCodec.encode($0)) }
        #expect(published.reduce(before) { $0.applying($1) } == after.state)
    }

    @Test("an issue created under watch is compared with an empty baseline: its human comments are new")
    func baselineOfNewIssue() {
        let t0 = Date(timeIntervalSince1970: 1_790_000_000)
        let baseline = JiraIssueSyncState.baseline(for: "10000", categoryKey: "new", created: t0)
        let detected = detector.detect(
            issue: issue(status: ("10000", "new"), assignee: nil, updated: t0),
            comments: [comment("1", "early", t0), comment("2", "mirrored", t0, author: JiraUser(accountId: "sync-acc"))],
            previous: baseline, guanceIssueUUID: nil, observedAt: t0)
        #expect(detected.events.map(\.type) == [.jiraCommentCreated])
        #expect(JiraIssueSyncState.baseline(for: "10001", categoryKey: "done", created: t0).statusId == "")
    }

    @Test("a status that went to done and came back before the first poll is reported (its category change date moved)")
    func baselineSeesFlipAndBack() {
        let t0 = Date(timeIntervalSince1970: 1_790_000_000)
        let baseline = JiraIssueSyncState.baseline(for: "10000", categoryKey: "new", created: t0)
        var flipped = issue(status: ("10000", "new"), assignee: nil, updated: t0.addingTimeInterval(20))
        flipped.fields.statusCategoryChangeDate = t0.addingTimeInterval(20)
        let detected = detector.detect(
            issue: flipped, comments: [], previous: baseline, guanceIssueUUID: nil, observedAt: t0.addingTimeInterval(21))
        #expect(detected.events.map(\.type) == [.jiraIssueStatusChanged])
        let unchanged = detector.detect(
            issue: flipped, comments: [], previous: detected.state, guanceIssueUUID: nil, observedAt: t0.addingTimeInterval(22))
        #expect(unchanged.events.isEmpty, "the same category change date is not reported twice")
    }

    @Test("checkpoint records split and merge back to the same state; each issue lands in one shard")
    func checkpointRecords() {
        var state: [String: String] = ["seen/1": "5", "offset/0": "42", JiraPollCheckpointRecords.watchingSinceKey: "7"]
        for id in 1...100 { state["issue/\(id)"] = "{\"n\":\(id)}" }
        let checkpoint = PollerCheckpoint(
            poller: "jira-poller", scope: "cursor", cursor: Date(timeIntervalSince1970: 100), state: state,
            writtenAt: Date(timeIntervalSince1970: 200))
        let records = JiraPollCheckpointRecords.split(checkpoint)
        #expect(records.count == JiraPollCheckpointRecords.shardCount + 1)
        #expect(records.filter { $0.scope != "cursor" }.allSatisfy { $0.state.keys.allSatisfy { $0.hasPrefix("issue/") } })
        let merged = JiraPollCheckpointRecords.merge(Dictionary(uniqueKeysWithValues: records.map { ($0.scope, $0) }))
        #expect(merged?.state == state)
        #expect(merged.map(JiraPollCheckpointRecords.offsets(in:)) == [0: 42])
        #expect(JiraPollCheckpointRecords.merge([:]) == nil)
    }

    private func issue(status: (id: String, category: String), assignee: JiraUser?, updated: Date) -> JiraIssue {
        var fields = JiraIssueFields()
        fields.status = JiraStatus(id: status.id, name: status.id, category: JiraStatusCategory(key: status.category))
        fields.assignee = assignee
        fields.updated = updated
        return JiraIssue(id: "10001", key: "OPS-1", fields: fields)
    }

    private func comment(_ id: String, _ text: String, _ created: Date, updated: Date? = nil, author: JiraUser? = nil) -> JiraComment {
        let body = JiraRichText.adf(
            ADFNode(type: "doc", content: [ADFNode(type: "paragraph", content: [ADFNode(type: "text", text: text)])]))
        return JiraComment(id: id, author: author ?? alice, body: body, created: created, updated: updated ?? created)
    }
}
