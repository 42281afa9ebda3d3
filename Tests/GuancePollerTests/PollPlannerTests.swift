import APICore
import Foundation
import GuanceAPI
import GuancePoller
import SyncCore
import Testing

@Suite("PollPlanner")
struct PollPlannerTests {
    let planner = PollPlanner()
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    static func tracked(_ count: Int, at time: Date) -> GuancePollerState {
        var state = GuancePollerState()
        for index in 0..<count {
            state.issues[String(format: "issue_%03d", index)] = TrackedIssue(
                snapshotEventID: EventID(rawValue: "ev1-\(index)"), updatedAt: time, statusType: 10, observedAt: time)
        }
        return state
    }

    @Test("the budget follows the rate limiter: its remaining slots now, nothing while paused")
    func budgetFromLimiter() async throws {
        let limiter = GuanceRateLimiter(
            policy: GuanceRateLimitPolicy(requestsPerWindow: 20, window: .seconds(60), safetyMargin: .zero),
            clock: SystemAPIClock())
        #expect(PollBudget(status: limiter.status()) == PollBudget(availableNow: 20, perMinute: 20))
        try await limiter.acquire()
        try await limiter.acquire()
        #expect(PollBudget(status: limiter.status()).availableNow == 18)
        limiter.pause(for: .seconds(600))
        #expect(PollBudget(status: limiter.status()) == PollBudget(availableNow: 0, perMinute: 20))
    }

    @Test("back-off doubles from 1 minute to a 30-minute cap; closed issues use their own interval")
    func backoff() {
        let intervals = (0..<8).map { planner.backoffInterval(quietChecks: $0) }
        #expect(intervals == [60, 120, 240, 480, 960, 1800, 1800, 1800])
        #expect(planner.backoffInterval(quietChecks: 2, isOpen: false) == 6 * 3600)
    }

    @Test("quiet checks grow the back-off; activity resets it and makes the issue due at once")
    func backoffReset() {
        var issue = TrackedIssue(snapshotEventID: EventID(rawValue: "ev1-x"), updatedAt: nil, statusType: 10, observedAt: Self.start)
        #expect(planner.nextReplyCheck(of: issue) == .distantPast, "a new issue is due now")
        var time = Self.start
        for expected in [120.0, 240, 480] {
            issue.recordReplyCheck(at: time, foundChanges: false, pages: 1)
            #expect(planner.nextReplyCheck(of: issue) == time.addingTimeInterval(expected))
            time = time.addingTimeInterval(expected)
        }
        issue.markChanged(at: time)
        #expect(planner.nextReplyCheck(of: issue) == .distantPast)
        issue.recordReplyCheck(at: time, foundChanges: true, pages: 3)
        #expect(planner.nextReplyCheck(of: issue) == time.addingTimeInterval(60))
        #expect(issue.replyListPages == 3)
        issue.statusType = 20
        #expect(planner.nextReplyCheck(of: issue) == time.addingTimeInterval(6 * 3600))
    }

    @Test("list pages come first, then due reply checks least recently read first")
    func order() {
        var state = Self.tracked(4, at: Self.start)
        let now = Self.start.addingTimeInterval(3600)
        state.recordSweep(at: now, pages: 2)
        for uuid in state.issues.keys { state.issues[uuid]?.recordReplyCheck(at: Self.start, foundChanges: false, pages: 1) }
        state.issues["issue_000"]?.recordReplyCheck(at: now.addingTimeInterval(-30), foundChanges: false, pages: 1)
        state.issues["issue_003"]?.markChanged(at: now.addingTimeInterval(-10))
        state.issues["issue_002"]?.markChanged(at: now.addingTimeInterval(-20))
        state.issues["issue_001"]?.lastReplyCheck = now.addingTimeInterval(-500)
        // Changed just now but read 30 s ago: after the quiet issue unread for 500 s.
        state.issues["issue_000"]?.markChanged(at: now.addingTimeInterval(-5))

        let plan = planner.plan(state: state, budget: PollBudget(availableNow: 20, perMinute: 20), now: now)
        #expect(plan.windowListPages == 1 && plan.sweepListPages == 0)
        #expect(plan.replyChecks == ["issue_002", "issue_003", "issue_001", "issue_000"])
        #expect(plan.backlog.isEmpty && plan.estimatedTimeToClear == 0)
        #expect(plan.requestCount == 5)

        let tight = planner.plan(state: state, budget: PollBudget(availableNow: 2, perMinute: 20), now: now)
        #expect(tight.windowListPages == 1 && tight.replyChecks == ["issue_002"])
        #expect(tight.backlog == ["issue_003", "issue_001", "issue_000"])
        #expect(tight.requestCount == 2)
        #expect(tight.estimatedTimeToClear.map { $0 > 0 } == true)
    }

    @Test("a due resolved issue, read 6 h ago, waits behind an issue the list just showed changed; a due open one does not")
    func resolvedIssuesDoNotJumpTheQueue() {
        var state = Self.tracked(3, at: Self.start)
        let now = Self.start.addingTimeInterval(6 * 3600 + 30)  // the resolved issue fell due 30 s ago
        state.recordSweep(at: now, pages: 1)
        state.issues["issue_000"]?.statusType = 20
        state.issues["issue_000"]?.recordReplyCheck(at: Self.start, foundChanges: false, pages: 1)  // due after 6 h
        state.issues["issue_001"]?.recordReplyCheck(at: now.addingTimeInterval(-120), foundChanges: false, pages: 1)
        state.issues["issue_001"]?.markChanged(at: now.addingTimeInterval(-10))
        state.issues["issue_002"]?.recordReplyCheck(at: now.addingTimeInterval(-600), foundChanges: false, pages: 1)  // open, overdue
        let plan = planner.plan(state: state, budget: PollBudget(availableNow: 20, perMinute: 20), now: now)
        #expect(plan.replyChecks == ["issue_002", "issue_001", "issue_000"])
    }

    @Test("a cycle makes at most 30 requests however large the budget; the rest is backlog for the next cycle")
    func cycleIsBounded() {
        var state = Self.tracked(100, at: Self.start)
        state.sweepListPages = 100
        let plan = planner.plan(state: state, budget: PollBudget(availableNow: 188, perMinute: 188), now: Self.start)
        #expect(plan.requestCount == 30)
        #expect(plan.windowListPages == 1 && plan.sweepListPages == 14 && plan.replyChecks.count == 15)
        #expect(plan.backlog.count == 85)
    }

    @Test("a due sweep that does not fit takes part of the budget, and a starved budget reports no ETA")
    func starved() {
        var state = Self.tracked(3, at: Self.start)
        state.recordSweep(at: Self.start, pages: 5)
        let now = Self.start.addingTimeInterval(3600)
        let plan = planner.plan(state: state, budget: PollBudget(availableNow: 3, perMinute: 1), now: now)
        // Before, a sweep ran only when all its pages fitted: at 20 requests a minute, never past ~13 pages.
        #expect(!plan.sweepDeferred && plan.sweepListPages == 1)
        #expect(plan.replyChecks.count == 1 && plan.backlog.count == 2)
        #expect(plan.estimatedTimeToClear == nil, "one request a minute cannot even pay for the list calls")
        #expect(planner.plan(state: state, budget: PollBudget(availableNow: 0, perMinute: 20), now: now).requestCount == 0)
    }

    @Test("a sweep of 200 pages (20,000 issues) at 14 requests a minute ends, and reply checks keep running meanwhile")
    func longSweepEnds() {
        var state = Self.tracked(50, at: Self.start)
        state.recordSweep(at: Self.start, pages: 200)
        var now = Self.start.addingTimeInterval(3600)
        var cycles = 0
        var replyChecks = 0
        var sweepPages = 0
        var sweepDone: Date?
        while sweepDone == nil, cycles < 10_000 {
            cycles += 1
            // One cycle every 30 s with 7 requests each: 14 a minute.
            let plan = planner.plan(state: state, budget: PollBudget(availableNow: 7, perMinute: 14), now: now)
            #expect(plan.requestCount <= 7)
            replyChecks += plan.replyChecks.count
            sweepPages += plan.sweepListPages
            if Self.carryOut(plan, on: &state, now: now, sweepSize: 200) { sweepDone = now }
            now = now.addingTimeInterval(30)
        }
        let minutes = (sweepDone ?? now).timeIntervalSince(Self.start.addingTimeInterval(3600)) / 60
        print("MEASURED sweep of 200 pages at 14/min: \(cycles) cycles, \(Int(minutes)) min, \(replyChecks) reply checks meanwhile")
        #expect(sweepDone != nil, "the sweep never ended")
        #expect(sweepPages == 200)
        #expect(minutes <= 60, "200 pages at half of ~6 spare requests a cycle: about 70 cycles")
        #expect(replyChecks > 0, "reply checks starved while the sweep ran")
    }

    @Test("one spare request a cycle (woken per token, one kept for the next window): sweep and reply checks take turns, and the sweep ends")
    func singleTokenCycles() {
        var state = Self.tracked(40, at: Self.start)
        state.recordSweep(at: Self.start, pages: 30)
        var now = Self.start.addingTimeInterval(3600)
        var sweepPages = 0
        var replyChecks = 0
        var done = false
        var cycles = 0
        while !done, cycles < 1_000 {
            cycles += 1
            let plan = planner.plan(state: state, budget: PollBudget(availableNow: 2, perMinute: 20), now: now)
            #expect(plan.requestCount <= 2)
            replyChecks += plan.replyChecks.count
            sweepPages += plan.sweepListPages
            done = Self.carryOut(plan, on: &state, now: now, sweepSize: 30)
            now = now.addingTimeInterval(3)
        }
        #expect(done, "the sweep never ended")
        #expect(sweepPages == 30)
        #expect(replyChecks >= 25, "reply checks got \(replyChecks) of \(cycles) requests while the sweep ran")
    }

    /// Does what guance-poller does with `plan`'s reply checks (all quiet) and sweep pages in a
    /// workspace whose sweep has `sweepSize` pages; answers whether the sweep ended.
    static func carryOut(_ plan: PollPlan, on state: inout GuancePollerState, now: Date, sweepSize: Int) -> Bool {
        for uuid in plan.replyChecks { state.issues[uuid]?.recordReplyCheck(at: now, foundChanges: false, pages: 1) }
        guard plan.sweepListPages > 0 else {
            state.sweepCursor?.cyclesWithoutPage += 1
            return false
        }
        var cursor = state.sweepCursor ?? SweepCursor(startedAt: now)
        cursor.cyclesWithoutPage = 0
        cursor.pagesRead += plan.sweepListPages
        guard cursor.pagesRead >= sweepSize else {
            state.sweepCursor = cursor
            return false
        }
        state.sweepCursor = nil
        state.recordSweep(at: now, pages: cursor.pagesRead)
        return true
    }

    @Test("a sweep that outgrew its estimate (the first one, or a grown workspace) takes half of what is left, not one page")
    func sweepBeyondEstimate() {
        var state = Self.tracked(1, at: Self.start)
        state.issues["issue_000"]?.recordReplyCheck(at: Self.start, foundChanges: false, pages: 1)
        var cursor = SweepCursor(startedAt: Self.start)
        cursor.pagesRead = 1
        state.sweepCursor = cursor
        let plan = planner.plan(state: state, budget: PollBudget(availableNow: 11, perMinute: 20), now: Self.start.addingTimeInterval(10))
        #expect(plan.sweepListPages == 5, "11 − 1 window page, half of it")
    }

    @Test("a reply list of several pages is charged all its pages, and what does not fit waits its turn")
    func pagedReplies() {
        var state = Self.tracked(2, at: Self.start)
        state.issues["issue_000"]?.replyListPages = 4
        let plan = planner.plan(state: state, budget: PollBudget(availableNow: 4, perMinute: 20), now: Self.start)
        #expect(plan.replyChecks.isEmpty, "issue_000 (4 pages) does not fit in 4 − 2 list pages, and nothing jumps the queue")
        #expect(plan.backlog == ["issue_000", "issue_001"])
        #expect(plan.requestCount == 2)
    }

    /// A simulated day: 200 open issues, a token bucket enforcing 20 requests per minute (burst 20),
    /// a cycle a minute, random changes (each issue about every two hours) and at 10:00 a burst where
    /// all 200 issues change at once; replies that do not bump `updateAt` land on random issues.
    @Test("a simulated day with 200 issues: never over budget, every change checked within bounds")
    func simulatedDay() {
        var state = Self.tracked(200, at: Self.start)
        var tokens = 20.0
        var changedAt: [String: Date] = [:]
        var silentReplyAt: [String: Date] = [:]
        var lastCheck: [String: Date] = [:]
        var worstChangeDelay: TimeInterval = 0
        var worstSilentDelay: TimeInterval = 0
        var worstGap: TimeInterval = 0
        var spent = 0
        var changes = 0
        for minute in 0..<(24 * 60) {
            let now = Self.start.addingTimeInterval(TimeInterval(minute * 60))
            tokens = min(20, tokens + 20)
            let plan = planner.plan(state: state, budget: PollBudget(availableNow: Int(tokens), perMinute: 20), now: now)
            #expect(Double(plan.requestCount) <= tokens, "minute \(minute) spends \(plan.requestCount) of \(tokens)")
            tokens -= Double(plan.requestCount)
            spent += plan.requestCount
            if plan.sweepListPages > 0 { state.recordSweep(at: now, pages: 2) }
            for uuid in plan.replyChecks {
                if let since = changedAt.removeValue(forKey: uuid) { worstChangeDelay = max(worstChangeDelay, now.timeIntervalSince(since)) }
                let silent = silentReplyAt.removeValue(forKey: uuid)
                if let silent { worstSilentDelay = max(worstSilentDelay, now.timeIntervalSince(silent)) }
                if let previous = lastCheck[uuid] { worstGap = max(worstGap, now.timeIntervalSince(previous)) }
                lastCheck[uuid] = now
                state.issues[uuid]?.recordReplyCheck(at: now, foundChanges: silent != nil, pages: 1)
            }
            // Changes that happen during this minute, seen by the next cycle's list.
            let burst = minute == 600
            for (index, uuid) in state.issues.keys.sorted().enumerated() {
                // A fixed scatter (multiplicative hashing of minute and issue), not a clock or a seed.
                let roll = (minute &* 2_654_435_761 &+ index &* 40_503 &+ minute &* index) % 240
                if burst || roll < 2 {
                    state.issues[uuid]?.markChanged(at: now)
                    changedAt[uuid] = changedAt[uuid] ?? now
                    changes += 1
                } else if roll == 2 {
                    silentReplyAt[uuid] = silentReplyAt[uuid] ?? now
                }
            }
        }
        print("simulated day: \(changes) changes, \(spent) requests, worst change→check \(Int(worstChangeDelay)) s, silent reply→check \(Int(worstSilentDelay)) s, longest gap \(Int(worstGap)) s")
        #expect(changes > 2000, "the day is busy: about one change per issue every two hours, plus the burst")
        #expect(spent <= 20 * 24 * 60)
        #expect(worstChangeDelay <= 15 * 60, "a changed issue's replies are read within 15 minutes, even after a burst of 200")
        #expect(worstSilentDelay <= 45 * 60, "a reply that bumps nothing is found within back-off cap + burst drain")
        #expect(worstGap <= 45 * 60, "no issue goes unchecked longer than the back-off cap + burst drain")
        #expect(changedAt.values.allSatisfy { Self.start.addingTimeInterval(24 * 3600 - 15 * 60) < $0 }, "the backlog converged")
    }
}
