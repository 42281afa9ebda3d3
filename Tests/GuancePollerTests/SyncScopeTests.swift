import Foundation
import GuanceAPI
import GuancePoller
import SyncCore
import Testing

/// The poller core's start time: issues last changed before it publish nothing and cost nothing
/// but their share of the sweep, open ones have their replies read on a long interval, and any
/// change after the start time puts an issue in scope.
@Suite("guance-poller core: start time and pre-start issues")
struct SyncScopeTests {
    let mapper = GuanceEventMapper(consoleURL: "https://console.guance.com", defaultWorkspaceUUID: "wksp_1")
    let filter = ReplyFilter(ownKeyIDs: ["wsak_sync"])
    let start = Date(timeIntervalSince1970: 1_000_000)

    @Test("issues changed before the start time emit nothing; open ones are remembered, resolved ones are not")
    func preStartIssuesAreSilent() throws {
        var state = GuancePollerState(syncFrom: start)
        let listed = [
            try GuanceFixtures.simpleIssue("issue_old_open", createAt: 900_000, updateAt: 950_000),
            try GuanceFixtures.simpleIssue("issue_old_resolved", createAt: 900_000, updateAt: 950_000, status: 20),
            try GuanceFixtures.simpleIssue("issue_old_never_updated", createAt: 900_000, updateAt: -1, status: 30),
            try GuanceFixtures.simpleIssue("issue_new", createAt: 1_000_010, updateAt: -1),
            try GuanceFixtures.simpleIssue("issue_edited_since", createAt: 900_000, updateAt: 1_000_000, status: 20),
        ]
        let events = state.observe(issues: listed, mapper: mapper, observedAt: start)
        #expect(events.map(\.key).sorted() == ["issue_edited_since", "issue_new"])
        #expect(Set(state.issues.keys) == ["issue_edited_since", "issue_new"])
        #expect(Set(state.preStartIssues.keys) == ["issue_old_open", "issue_old_never_updated"])

        // Listed again unchanged: nothing; the old open issue resolved without a new updateAt is forgotten.
        var again = listed
        again[0] = try GuanceFixtures.simpleIssue("issue_old_open", createAt: 900_000, updateAt: 950_000, status: 20)
        let unchanged = state.observe(issues: again, mapper: mapper, observedAt: start.addingTimeInterval(60))
        #expect(unchanged.isEmpty)
        #expect(Set(state.preStartIssues.keys) == ["issue_old_never_updated"])

        // A change after the start time puts an old issue in scope.
        let reopened = try GuanceFixtures.simpleIssue("issue_old_resolved", createAt: 900_000, updateAt: 1_000_100, status: 10)
        let reopenedEvents = state.observe(issues: [reopened], mapper: mapper, observedAt: start.addingTimeInterval(120))
        #expect(reopenedEvents.map(\.key) == ["issue_old_resolved"])
        #expect(state.issues["issue_old_resolved"]?.replyCheckPending == true)

        // A sweep that no longer lists a pre-start issue forgets it.
        state.forgetPreStartIssues(notListedIn: ["issue_new"])
        #expect(state.preStartIssues.isEmpty)
    }

    @Test("without a start time (an older checkpoint) every issue is in scope, as before")
    func noStartTime() throws {
        var state = GuancePollerState()
        let old = try GuanceFixtures.simpleIssue("issue_old", createAt: 1, updateAt: 2, status: 20)
        let events = state.observe(issues: [old], mapper: mapper, observedAt: start)
        #expect(events.count == 1)
        #expect(state.preStartIssues.isEmpty)
    }

    @Test("a pre-start issue's replies: old ones, the sync's own and change entries leave it out; a reply written or edited since the start brings it in")
    func preStartReplies() throws {
        var state = GuancePollerState(syncFrom: start)
        let issue = try GuanceFixtures.simpleIssue("issue_1", createAt: 900_000, updateAt: 950_000)
        _ = state.observe(issues: [issue], mapper: mapper, observedAt: start)
        let old = try GuanceFixtures.humanReply("reply_old", content: "old", createAt: 910_000)
        let own = try GuanceFixtures.reply([
            "uuid": "reply_own", "issueUUID": "issue_1", "type": "reply", "content": "from Jira", "creator": "wsak_sync",
            "createAt": 1_000_500, "updateAt": -1, "deleteAt": -1, "extend": [:],
        ])
        let change = try GuanceFixtures.reply([
            "uuid": "reply_change", "issueUUID": "issue_1", "type": "change", "content": "level", "creator": "acnt_alice",
            "createAt": 1_000_500, "updateAt": -1, "deleteAt": -1, "extend": [:],
        ])
        let checkedAt = start.addingTimeInterval(600)
        let quiet = state.observePreStartReplies([old, own, change], of: "issue_1", filter: filter, observedAt: checkedAt)
        #expect(!quiet)
        #expect(state.preStartIssues["issue_1"]?.lastReplyCheck == checkedAt)

        let edited = try GuanceFixtures.humanReply("reply_old", content: "old, edited", createAt: 910_000, updateAt: 1_000_200)
        let byEdit = state.observePreStartReplies([edited], of: "issue_1", filter: filter, observedAt: checkedAt)
        #expect(byEdit)
        let fresh = try GuanceFixtures.humanReply("reply_new", content: "new", createAt: 1_000_300)
        let byReply = state.observePreStartReplies([old, fresh], of: "issue_1", filter: filter, observedAt: checkedAt)
        #expect(byReply)

        // Entering scope: the snapshot, then the whole conversation like a new issue's.
        let entered = state.enterScope(issue, mapper: mapper, observedAt: checkedAt)
        let snapshot = try #require(entered)
        #expect(snapshot.type == .guanceIssueSnapshot && state.preStartIssues.isEmpty)
        let replies = state.observeReplies(
            [old, fresh, own, change], of: "issue_1", pages: 1, listIsComplete: true, filter: filter, mapper: mapper,
            observedAt: checkedAt)
        #expect(replies.map(\.type) == [.guanceReplyCreated, .guanceReplyCreated])
    }

    @Test("pre-start reply checks: spread over the first interval, then every interval, after tracked issues; 0 turns them off")
    func planning() throws {
        var state = GuancePollerState(syncFrom: start)
        for index in 0..<200 {
            state.preStartIssues["issue_\(index)"] = PreStartIssue(firstSeen: start)
        }
        state.issues["issue_tracked"] = TrackedIssue(
            snapshotEventID: EventID(rawValue: "ev1-x"), updatedAt: nil, statusType: 10, observedAt: start)
        state.lastSweepAt = start
        var configuration = PollPlanner.Configuration()
        configuration.preStartInterval = 3_600
        configuration.maximumRequestsPerCycle = .max  // which checks are due, not how many fit one cycle
        let planner = PollPlanner(configuration: configuration)
        let budget = PollBudget(availableNow: 1_000, perMinute: 1_000)

        let atStart = planner.plan(state: state, budget: budget, now: start)
        #expect(atStart.replyChecks == ["issue_tracked"])
        #expect(atStart.preStartReplyChecks.count < 5, "first checks are spread, not all due at once")
        let halfway = planner.plan(state: state, budget: budget, now: start.addingTimeInterval(1_800))
        #expect((70...130).contains(halfway.preStartReplyChecks.count), "\(halfway.preStartReplyChecks.count) due after half the interval")
        let later = planner.plan(state: state, budget: budget, now: start.addingTimeInterval(3_600))
        #expect(later.preStartReplyChecks.count == 200)

        for uuid in later.preStartReplyChecks { state.preStartIssues[uuid]?.lastReplyCheck = start.addingTimeInterval(3_600) }
        #expect(planner.plan(state: state, budget: budget, now: start.addingTimeInterval(7_100)).preStartReplyChecks.isEmpty)
        #expect(planner.plan(state: state, budget: budget, now: start.addingTimeInterval(7_200)).preStartReplyChecks.count == 200)

        let small = planner.plan(state: state, budget: PollBudget(availableNow: 11, perMinute: 20), now: start.addingTimeInterval(7_200))
        #expect(small.replyChecks == ["issue_tracked"] && small.preStartReplyChecks.count == 8 && small.backlog.count == 192)

        configuration.preStartInterval = 0
        let off = PollPlanner(configuration: configuration).plan(state: state, budget: budget, now: start.addingTimeInterval(1e6))
        #expect(off.preStartReplyChecks.isEmpty)
    }

    @Test("the start time and pre-start issues survive the checkpoint's JSON; a state without them decodes")
    func checkpointRoundTrip() throws {
        var state = GuancePollerState(syncFrom: start)
        state.preStartIssues["issue_1"] = PreStartIssue(firstSeen: start)
        var deduplicator = OverlapDeduplicator(start: start, overlap: 120)
        deduplicator.advance(to: start)
        let checkpoint = try deduplicator.checkpoint(poller: "guance-poller", scope: "main", state: state, writtenAt: start)
        #expect(try OverlapDeduplicator.state(from: checkpoint) == state)

        let legacy = #"{"issues":{},"windowListPages":1,"sweepListPages":1}"#
        let decoded = try JSONDecoder().decode(GuancePollerState.self, from: Data(legacy.utf8))
        #expect(decoded.syncFrom == nil && decoded.preStartIssues.isEmpty)
    }
}
