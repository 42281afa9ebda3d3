import Foundation
import GuancePoller
@testable import GuancePollerStage
import StageRuntime
import SyncCore
import Testing

/// The checkpoint layout and the replay of published events, without Kafka.
@Suite("guance-poller: checkpoint layout")
struct CheckpointLayoutTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// A state far larger than one Kafka record: 3,000 issues with 20 replies each.
    static func largeState() -> GuancePollerState {
        var state = GuancePollerState()
        for index in 0..<3_000 {
            var issue = TrackedIssue(
                snapshotEventID: EventID.derive(.guanceIssueSnapshot, ["issue_\(index)"]), updatedAt: now,
                statusType: 10, observedAt: now)
            for reply in 0..<20 {
                issue.replies["repim_\(index)_\(reply)_0123456789abcdef"] = SeenReply(
                    contentDigest: SeenReply.digest(of: "回复 \(index) \(reply)"), updatedAt: now)
            }
            state.issues["issue_\(index)_0123456789abcdef0123456789"] = issue
        }
        for index in 0..<5_000 {
            state.preStartIssues["issue_old_\(index)_0123456789abcdef0123"] = PreStartIssue(firstSeen: now)
        }
        state.syncFrom = now.addingTimeInterval(-120)
        state.recordSweep(at: now, pages: 30)
        return state
    }

    @Test("the poller state round-trips through the engine's checkpoint parts: issues, pre-start issues, emitted ids")
    func parts() throws {
        let state = Self.largeState()
        var deduplicator = OverlapDeduplicator(
            start: Self.now, overlap: 120, capacity: GuancePollerPolicy.deduplicatorCapacity)
        _ = deduplicator.admit(Self.emittedEvents())
        let progress = GuancePollerProgress(state: state, deduplicator: deduplicator)
        let parts = progress.parts
        #expect(parts.items.count == 3_000 + 5_000 + 4_000)
        #expect(parts.summary.issues.isEmpty && parts.summary.preStartIssues.isEmpty)
        let restored = GuancePollerProgress(parts: parts, overlap: 120, capacity: GuancePollerPolicy.deduplicatorCapacity)
        #expect(restored.state == state)
        #expect(restored.deduplicator.cursor == deduplicator.cursor)
        #expect(restored.deduplicator.emitted == deduplicator.emitted)
    }

    @Test("a checkpoint of the layout before the engine (main + shards) is restored exactly")
    func legacyLayout() throws {
        let state = Self.largeState()
        var deduplicator = OverlapDeduplicator(
            start: Self.now, overlap: 120, capacity: GuancePollerPolicy.deduplicatorCapacity)
        _ = deduplicator.admit(Self.emittedEvents())
        // Written as the previous release did: two shards of generation 7, then `main`.
        var halves = (GuancePollerState(), GuancePollerState())
        for (index, uuid) in state.issues.keys.sorted().enumerated() {
            if index % 2 == 0 { halves.0.issues[uuid] = state.issues[uuid] } else { halves.1.issues[uuid] = state.issues[uuid] }
        }
        halves.1.preStartIssues = state.preStartIssues
        var meta = state
        meta.issues = [:]
        meta.preStartIssues = [:]
        var main = try deduplicator.checkpoint(poller: "guance-poller", scope: "main", state: meta, writtenAt: Self.now)
        main.state[GuanceLegacyCheckpoint.shardIndexKey] = #"{"count":2,"generation":7}"#
        main.state[GuanceLegacyCheckpoint.eventOffsetsKey] = #"{"0":12,"3":40}"#
        var stored = ["main": main]
        for (index, half) in [halves.0, halves.1].enumerated() {
            stored["shard-7-\(index)"] = try deduplicator.checkpoint(
                poller: "guance-poller", scope: "shard-7-\(index)", state: half, writtenAt: Self.now)
        }
        stored["shard-6-0"] = stored["shard-7-0"]
        let restored = try #require(try GuanceLegacyCheckpoint.restore(from: stored, overlap: 120, capacity: 4_000))
        #expect(restored.progress.state == state)
        #expect(restored.offsets == [0: 12, 3: 40])
        #expect(restored.progress.deduplicator.recentEventIDs == deduplicator.recentEventIDs)

        stored.removeValue(forKey: "shard-7-1")
        #expect(throws: PollerCheckpointError.self) {
            try GuanceLegacyCheckpoint.restore(from: stored, overlap: 120, capacity: 4_000)
        }
    }

    static func emittedEvents() -> [SyncEvent] {
        (0..<4_000).map { index in
            SyncEvent(
                body: .guanceReplyDeleted(GuanceReplyDeletion(issueUUID: "issue_\(index)", replyUUID: "r\(index)", deletedAt: nil)),
                occurredAt: now, observedAt: now)
        }
    }

    @Test("replaying published events brings an older state up to date, and replaying them again changes nothing")
    func replay() throws {
        let mapper = GuanceEventMapper(consoleURL: "https://console.guance.example")
        let snapshot = GuanceIssueSnapshot(
            issueUUID: "issue_1", name: "新问题", descriptionHTML: "<p>x</p>", statusType: 10, createdAt: Self.now,
            updatedAt: Self.now)
        let author = mapper.actor(id: "acnt_1", info: nil)
        let created = GuanceReplyChange(
            issueUUID: "issue_1", replyUUID: "repim_1", content: "第一版", author: author, createdAt: Self.now, updatedAt: nil)
        var edited = created
        edited.content = "第二版"
        edited.updatedAt = Self.now.addingTimeInterval(60)
        let events = [
            SyncEvent(body: .guanceIssueSnapshot(snapshot), occurredAt: Self.now, observedAt: Self.now),
            SyncEvent(body: .guanceReplyCreated(created), occurredAt: Self.now, observedAt: Self.now),
            SyncEvent(body: .guanceReplyEdited(edited), occurredAt: Self.now, observedAt: Self.now),
            SyncEvent(
                body: .guanceReplyCreated(GuanceReplyChange(
                    issueUUID: "issue_1", replyUUID: "repim_2", content: "另一条", author: author, createdAt: Self.now,
                    updatedAt: nil)),
                occurredAt: Self.now, observedAt: Self.now),
            SyncEvent(
                body: .guanceReplyDeleted(GuanceReplyDeletion(issueUUID: "issue_1", replyUUID: "repim_2", deletedAt: nil)),
                occurredAt: Self.now, observedAt: Self.now),
        ]
        var state = GuancePollerState()
        for event in events { state.replay(event) }
        let issue = try #require(state.issues["issue_1"])
        #expect(issue.snapshotEventID == events[0].id)
        #expect(issue.replies.keys.sorted() == ["repim_1"])
        #expect(issue.replies["repim_1"]?.contentDigest == SeenReply.digest(of: "第二版"))

        var again = state
        for event in events { again.replay(event) }
        #expect(again.issues["issue_1"]?.replies == issue.replies)
        #expect(again.issues["issue_1"]?.snapshotEventID == issue.snapshotEventID)
    }

    @Test("replaying a snapshot already reflected, or an older one, changes nothing; a backfilled one takes a pre-start issue over")
    func replayIsIdempotent() throws {
        let older = GuanceIssueSnapshot(
            issueUUID: "issue_1", name: "旧标题", descriptionHTML: "<p>x</p>", statusType: 10, createdAt: Self.now,
            updatedAt: Self.now)
        var newer = older
        newer.name = "新标题"
        newer.updatedAt = Self.now.addingTimeInterval(60)
        let olderEvent = SyncEvent(body: .guanceIssueSnapshot(older), occurredAt: Self.now, observedAt: Self.now)
        let newerEvent = SyncEvent(body: .guanceIssueSnapshot(newer), occurredAt: Self.now, observedAt: Self.now)
        var state = GuancePollerState(syncFrom: Self.now)
        state.issues["issue_1"] = TrackedIssue(
            snapshotEventID: newerEvent.id, updatedAt: newer.updatedAt, statusType: 10, observedAt: Self.now)
        state.issues["issue_1"]?.recordReplyCheck(at: Self.now, foundChanges: false, pages: 1)
        let settled = state
        state.replay(newerEvent)
        state.replay(olderEvent)
        #expect(state == settled, "nothing changed, no reply check made due")

        var backfilled = older
        backfilled.issueUUID = "issue_old"
        state.preStartIssues["issue_old"] = PreStartIssue(firstSeen: Self.now)
        state.replay(SyncEvent(body: .guanceIssueSnapshot(backfilled), occurredAt: Self.now, observedAt: Self.now))
        #expect(state.preStartIssues.isEmpty)
        #expect(state.issues["issue_old"]?.replyCheckPending == true, "tracked from now on, its replies read next")
    }
}
