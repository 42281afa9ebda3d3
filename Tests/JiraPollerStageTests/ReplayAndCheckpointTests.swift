import Foundation
import JiraAPI
import JiraPoller
@testable import JiraPollerStage
import RichText
import StageRuntime
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

    @Test("the progress round-trips through the engine's checkpoint parts, one item per issue")
    func parts() {
        let t0 = Date(timeIntervalSince1970: 1_790_000_000)
        var progress = JiraPollerProgress(
            deduplicator: JiraPollDeduplicator(cursor: t0, overlapMinutes: 2), issues: [:], watchingSince: t0)
        for id in 1...100 {
            var found = issue(status: ("10000", "new"), assignee: alice, updated: t0.addingTimeInterval(Double(id)))
            found = JiraIssue(id: "\(id)", key: "OPS-\(id)", fields: found.fields)
            _ = progress.deduplicator.admit(found)
            progress.issues["\(id)"] = detector.detect(
                issue: found, comments: [comment("c\(id)", "text \(id)", t0)], previous: nil, guanceIssueUUID: "g-\(id)",
                observedAt: t0).state
            progress.observed["\(id)"] = t0.epochMilliseconds
        }
        progress.unlabelled = ["7", "42"]
        progress.sweptThrough = t0.addingTimeInterval(30)
        progress.lastSweep = .now
        let parts = progress.parts
        #expect(parts.items.count == 100)
        let restored = JiraPollerProgress(parts: parts, overlapMinutes: 2)
        #expect(restored.issues == progress.issues)
        #expect(restored.observed == progress.observed)
        #expect(restored.deduplicator == progress.deduplicator)
        #expect(restored.watchingSince == t0)
        #expect(restored.unlabelled == ["7", "42"], "issues known to lack the label stay searched by key after a restart")
        #expect(restored.sweptThrough == t0.addingTimeInterval(30))
        #expect(restored.lastSweep == nil, "a restarted poller sweeps in its first cycle")
    }

    @Test("folding is idempotent: an event from an older reading than the issue's state changes nothing")
    func foldSkipsOlderReadings() throws {
        let t0 = Date(timeIntervalSince1970: 1_790_000_000.123)
        let t1 = t0.addingTimeInterval(60)
        let t2 = t1.addingTimeInterval(60)
        let first = detector.detect(
            issue: issue(status: ("10000", "new"), assignee: nil, updated: t0), comments: [], previous: nil,
            guanceIssueUUID: "g-1", observedAt: t0).state
        // t1: a human resolves it (published); t2: the sync reopens it (an echo, not published).
        let resolved = detector.detect(
            issue: issue(status: ("10001", "done"), assignee: nil, updated: t1), comments: [], previous: first,
            guanceIssueUUID: "g-1", observedAt: t1)
        let reopened = detector.detect(
            issue: issue(status: ("10000", "new"), assignee: nil, updated: t2), comments: [], previous: resolved.state,
            guanceIssueUUID: "g-1", observedAt: t2)
        var progress = JiraPollerProgress(
            deduplicator: JiraPollDeduplicator(cursor: t2, overlapMinutes: 2), issues: ["10001": reopened.state],
            watchingSince: t0)
        progress.observed["10001"] = t2.epochMilliseconds
        let published = try resolved.events.map { try SyncEventCodec.decode(SyncEventCodec.encode($0)) }
        for event in published { progress.fold(event) }
        #expect(progress.issues["10001"] == reopened.state, "the older resolution must not come back")

        // Without a reading newer than the event (a crash lost the checkpoint), it is applied.
        var behind = JiraPollerProgress(
            deduplicator: JiraPollDeduplicator(cursor: t0, overlapMinutes: 2), issues: ["10001": first], watchingSince: t0)
        behind.observed["10001"] = t0.epochMilliseconds
        for event in published { behind.fold(event) }
        #expect(behind.issues["10001"] == resolved.state)
        for event in published { behind.fold(event) }
        #expect(behind.issues["10001"] == resolved.state, "folding again changes nothing")
    }

    @Test("a checkpoint of the layout before the engine (cursor + issue shards) is restored")
    func legacyLayout() throws {
        var state: [String: String] = [
            "seen/1": "5", "offset/0": "42", "offset/3": "7", JiraLegacyCheckpoint.watchingSinceKey: "7000",
        ]
        let sample = JiraIssueSyncState(statusId: "10000", categoryKey: "new", assigneeId: nil, comments: [:])
        let json = String(decoding: try JSONEncoder().encode(sample), as: UTF8.self)
        var shards: [String: PollerCheckpoint] = [:]
        for id in 1...10 {
            let scope = "issues-\(id % 8)"
            shards[scope, default: PollerCheckpoint(
                poller: "jira-poller", scope: scope, cursor: Date(timeIntervalSince1970: 100), writtenAt: Date())
            ].state["issue/\(id)"] = json
        }
        state["issue/1"] = nil
        let cursor = PollerCheckpoint(
            poller: "jira-poller", scope: "cursor", cursor: Date(timeIntervalSince1970: 100), state: state,
            writtenAt: Date(timeIntervalSince1970: 200))
        shards["cursor"] = cursor
        let restored = try #require(JiraLegacyCheckpoint.restore(from: shards, overlapMinutes: 2))
        #expect(restored.offsets == [0: 42, 3: 7])
        #expect(restored.progress.issues.count == 10)
        #expect(restored.progress.issues["3"] == sample)
        #expect(restored.progress.deduplicator.seen == ["1": 5])
        #expect(restored.progress.watchingSince == Date(timeIntervalSince1970: 7))
        #expect(JiraLegacyCheckpoint.restore(from: [:], overlapMinutes: 2) == nil)
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
