import Foundation
import GuancePoller
import SyncCore
import Testing

@Suite("OverlapDeduplicator")
struct OverlapDeduplicatorTests {
    static let base = 1_800_000_000

    static func date(_ seconds: Int) -> Date { Date(timeIntervalSince1970: TimeInterval(base + seconds)) }

    static func seededWorkspace(_ field: FakeGuanceWorkspace.WindowField, bumps: Bool) -> FakeGuanceWorkspace {
        var workspace = FakeGuanceWorkspace(windowField: field, replyBumpsIssue: bumps)
        for index in 0..<20 {
            workspace.addIssue("issue_\(index)", name: "告警 \(index) 🔔", at: base - 3600 + index)
            workspace.addReply("repim_\(index)_0", to: "issue_\(index)", content: "<p>初始 \(index)</p>", at: base - 1800 + index)
        }
        return workspace
    }

    /// Ten minutes of activity while the poller is down.
    static func activityWhileDown(_ workspace: inout FakeGuanceWorkspace, from start: Int) {
        for minute in 0..<10 {
            let time = base + start + minute * 60 + 7
            workspace.addReply("repim_new_\(minute)", to: "issue_\(minute * 2)", content: "新回复 \(minute) ✅", at: time)
            workspace.rename("issue_\(minute + 5)", to: "改名 \(minute)", at: time + 1)
        }
        workspace.editReply("repim_3_0", of: "issue_3", content: "<p>已编辑</p>", at: base + start + 100)
        workspace.deleteReply("repim_4_0", of: "issue_4", at: base + start + 200)
        workspace.addIssue("issue_late", name: "新问题", at: base + start + 300)
        workspace.addReply("repim_late", to: "issue_late", content: "late", at: base + start + 301)
    }

    @Test(
        "stopped for ten minutes and restarted from the checkpoint: nothing missed, nothing duplicated",
        arguments: [
            (FakeGuanceWorkspace.WindowField.createAt, false), (.createAt, true), (.updateAt, false), (.updateAt, true),
        ])
    func restart(field: FakeGuanceWorkspace.WindowField, bumps: Bool) throws {
        var workspace = Self.seededWorkspace(field, bumps: bumps)
        var poller = PollerHarness(start: Self.date(-7200))
        for minute in 0..<15 { try poller.cycle(workspace, now: Self.date(minute * 60)) }
        let checkpoint = try poller.checkpoint(at: Self.date(14 * 60))

        Self.activityWhileDown(&workspace, from: 15 * 60)
        var restarted = try PollerHarness(checkpoint: checkpoint)
        for minute in 25..<80 { try restarted.cycle(workspace, now: Self.date(minute * 60)) }

        let all = poller.produced + restarted.produced
        #expect(Set(all.map(\.id)).count == all.count, "no event is emitted twice")

        var created: [String: Int] = [:]
        var lastContent: [String: String] = [:]
        var deleted: Set<String> = []
        var lastName: [String: String] = [:]
        for event in all {
            switch event.body {
            case .guanceReplyCreated(let reply):
                created[reply.replyUUID, default: 0] += 1
                lastContent[reply.replyUUID] = reply.content
            case .guanceReplyEdited(let reply): lastContent[reply.replyUUID] = reply.content
            case .guanceReplyDeleted(let deletion): deleted.insert(deletion.replyUUID)
            case .guanceIssueSnapshot(let snapshot): lastName[snapshot.issueUUID] = snapshot.name
            default: Issue.record("unexpected event \(event.type)")
            }
        }
        let worldReplies = workspace.replies.values.flatMap { $0 }
        #expect(Set(created.keys) == Set(worldReplies.map(\.key)), "every reply was created")
        #expect(created.values.allSatisfy { $0 == 1 }, "each reply created once")
        for (uuid, reply) in worldReplies where reply.deleteAt == -1 {
            #expect(lastContent[uuid] == reply.content, "\(uuid) has its final content")
        }
        #expect(deleted == ["repim_4_0"])
        #expect(lastName == workspace.issues.mapValues(\.name), "every issue's final snapshot was emitted")
    }

    @Test("a crash before the checkpoint re-emits exactly the unacknowledged events, with the same ids")
    func crashBeforeCheckpoint() throws {
        var workspace = Self.seededWorkspace(.createAt, bumps: false)
        var poller = PollerHarness(start: Self.date(-7200))
        for minute in 0..<5 { try poller.cycle(workspace, now: Self.date(minute * 60)) }
        let checkpoint = try poller.checkpoint(at: Self.date(240))

        workspace.addIssue("issue_new", name: "新", at: Self.base + 290)
        workspace.rename("issue_2", to: "renamed", at: Self.base + 291)
        let lost = try poller.cycle(workspace, now: Self.date(300))
        #expect(!lost.isEmpty)

        var restarted = try PollerHarness(checkpoint: checkpoint)
        let again = try restarted.cycle(workspace, now: Self.date(300))
        #expect(again.map(\.id) == lost.map(\.id))
    }

    @Test("ids are kept for the overlap, bounded by capacity, and survive the checkpoint with their times")
    func window() throws {
        let start = Self.date(0)
        var deduplicator = OverlapDeduplicator(start: start, overlap: 120, capacity: 3)
        func event(_ n: Int, at seconds: Int) -> SyncEvent {
            let snapshot = GuanceIssueSnapshot(issueUUID: "issue_\(n)", name: "n", descriptionHTML: "", statusType: 10)
            return SyncEvent(body: .guanceIssueSnapshot(snapshot), occurredAt: Self.date(seconds), observedAt: Self.date(seconds))
        }
        #expect(deduplicator.admit([event(1, at: 0), event(1, at: 0), event(2, at: 10)]).count == 2)
        #expect(deduplicator.admit([event(1, at: 20)]).isEmpty)
        deduplicator.advance(to: Self.date(100))
        #expect(deduplicator.windowStart == Self.date(-20))
        #expect(deduplicator.recentEventIDs.count == 2)

        let checkpoint = try deduplicator.checkpoint(
            poller: "guance-poller", scope: "default", state: GuancePollerState(), writtenAt: Self.date(100))
        var resumed = OverlapDeduplicator(checkpoint: checkpoint, overlap: 120, capacity: 3)
        #expect(resumed.cursor == Self.date(100))
        #expect(resumed.admit([event(2, at: 110)]).isEmpty)
        resumed.advance(to: Self.date(125))
        #expect(resumed.recentEventIDs == [event(2, at: 0).id], "id 1 (emitted at 0) fell out of [5, 125]")

        #expect(resumed.admit([event(3, at: 130), event(4, at: 131), event(5, at: 132)]).count == 3)
        resumed.advance(to: Self.date(140))
        #expect(resumed.recentEventIDs == Set([3, 4, 5].map { event($0, at: 0).id }), "capacity keeps the newest")
        resumed.advance(to: Self.date(50))
        #expect(resumed.cursor == Self.date(140), "the cursor never moves back")
    }

    @Test("the checkpoint of 200 tracked issues with 20 replies each fits a default 1 MB Kafka record")
    func checkpointSize() throws {
        var workspace = FakeGuanceWorkspace(windowField: .createAt, replyBumpsIssue: false)
        for index in 0..<200 {
            workspace.addIssue("issue_\(guanceID(index))", name: "问题 \(index)", at: Self.base - 3600)
            for reply in 0..<20 {
                workspace.addReply("repim_\(guanceID(index * 100 + reply))", to: "issue_\(guanceID(index))", content: "回复 \(reply)", at: Self.base - 60)
            }
        }
        var poller = PollerHarness(start: Self.date(-7200))
        for minute in 0..<12 { try poller.cycle(workspace, now: Self.date(minute * 60)) }
        #expect(poller.state.issues.values.allSatisfy { $0.replies.count == 20 }, "every reply list was read")
        let bytes = try JSONEncoder().encode(try poller.checkpoint(at: Self.date(720))).count
        print("checkpoint with 200 issues × 20 replies: \(bytes) bytes")
        #expect(bytes < 1_000_000)
    }

    /// A 32-hex-digit id like Guance's UUID suffixes.
    private func guanceID(_ n: Int) -> String { String(repeating: "0", count: 24) + String(format: "%08x", n) }
}
