import Foundation
import RichText
import Testing

/// guance-poller started for the first time on a workspace that already holds issues (some long
/// resolved, some still open, all changed 30 simulated days ago): it publishes nothing for them,
/// syncs new issues, and syncs an old issue once it changes after the start time — whichever
/// timestamp the list window filters on and whether a reply bumps `updateAt`. A restart keeps the
/// start time. Budgets are scaled to 600 requests/min on both sides.
@Suite("guance-poller: first start")
struct FirstStartTests {
    static let modes: [(field: String, bumps: Bool)] = [("createAt", false), ("updateAt", true)]

    @Test("first start: history publishes nothing, new issues and later changes to old ones are synced, a restart keeps the start time", arguments: modes)
    func firstStart(field: String, bumps: Bool) async throws {
        let behaviour: [String: JSONValue] = ["timeWindowField": .string(field), "replyBumpsIssueUpdateAt": .bool(bumps)]
        try await PollerDeployment.with(
            requestsPerMinute: 600, behaviour: behaviour, guanceSettings: ["preStartReplyCheckSeconds": "20"]
        ) { setup in
            let history = try await History.seed(setup.guance, resolved: 40, open: 10)
            let fresh = try await setup.guance.createIssue(name: "切换后的新问题：队列积压", description: "<p>积压 10k</p>")
            try await setup.guance.addReply(to: fresh, content: "<p>切换后的回复</p>")
            var poller = try setup.startPoller()

            // 1. Only the new issue is published; the sweep listed the old ones, the open ones'
            //    replies were read (nothing new in them), the resolved ones' never.
            var expectation = EventExpectation(unsyncedIssues: history.all)
            var problems = try await setup.waitUntilSettled(moreRequests: 40) { expectation.problems($0) }
            #expect(problems.isEmpty, "first start: \(problems.prefix(10))")
            let settled = try await setup.guance.state()
            let resolvedReads = settled.replyListPaths.filter { path in history.resolved.contains { path.contains($0) } }
            #expect(resolvedReads.isEmpty, "reply lists of resolved issues from before the start were read: \(resolvedReads.prefix(5))")
            print("MEASURED first start \(field) bumps=\(bumps): \(history.all.count) old issues, \(settled.totalRequests) Guance requests, \(settled.replyListPaths.count) reply-list reads")

            // 2. Changes after the start: a reply on an old open issue, a rename and a reopening
            //    of old resolved ones. With a createAt window only the sweep sees the last two
            //    (every 10 minutes, and at every start: step 3).
            let (replied, renamed, reopened, stampedEarly) = (history.open[0], history.resolved[0], history.resolved[1], history.resolved[2])
            try await setup.guance.addReply(to: replied, content: "<p>切换后对旧问题的回复</p>")
            try await setup.guance.modifyIssue(renamed, ["name": .string("旧问题改名：磁盘告警阈值")])
            try await setup.guance.modifyIssue(reopened, ["statusType": .int(10)])
            expectation.unsyncedIssues.subtract([replied, renamed, reopened])
            if field == "createAt" { expectation.ignoredIssues = [renamed, reopened] }
            problems = try await setup.waitUntil { expectation.problems($0) }
            #expect(problems.isEmpty, "changes after the start: \(problems.prefix(10))")

            // 3. Stopped; an old issue changes with a timestamp just after the first start's start
            //    time (well before "now − overlap" at the restart). The restart keeps the start
            //    time, so it is synced, and nothing published before is published again.
            #expect(try await setup.stopPoller(poller) == 0)
            let syncFrom = try #require(Self.loggedSyncFrom(setup), "the first start logs its start time")
            try await setup.guance.setClock(epochSeconds: syncFrom.timeIntervalSince1970 + 5)
            try await setup.guance.modifyIssue(stampedEarly, ["name": .string("停机期间改名")])
            try await setup.guance.setClock(epochSeconds: Date().timeIntervalSince1970)
            expectation.unsyncedIssues.remove(stampedEarly)
            expectation.ignoredIssues = []
            poller = try setup.startPoller()
            problems = try await setup.waitUntil { expectation.problems($0) }
            #expect(problems.isEmpty, "after the restart: \(problems.prefix(10))")
            problems = try await setup.waitUntilSettled { expectation.problems($0) }
            #expect(problems.isEmpty, "after more cycles: \(problems.prefix(10))")
            #expect(try await setup.stopPoller(poller) == 0)
        }
    }

    /// `syncctl backfill` is the way history comes across; the poller then takes the backfilled
    /// issues over. Reply checks of old open issues are off here, so only that takeover can sync
    /// the reply written after the backfill (the simulator does not bump `updateAt` on replies).
    @Test("backfilled issues are synced like any other afterwards; resolved ones are not backfilled")
    func backfilledIssuesAreTakenOver() async throws {
        try await PollerDeployment.with(requestsPerMinute: 600, guanceSettings: ["preStartReplyCheckSeconds": "0"]) { setup in
            let history = try await History.seed(setup.guance, resolved: 3, open: 3)
            let poller = try setup.startPoller()
            var expectation = EventExpectation(unsyncedIssues: history.all)
            var problems = try await setup.waitUntilSettled { expectation.problems($0) }
            #expect(problems.isEmpty, "first start: \(problems.prefix(10))")

            let run = try await setup.syncctl(
                ["backfill", "--since", "2000-01-01", "--json"], environment: ["GUANCE_REQUESTS_PER_MINUTE": "60"])
            #expect(run.status == 0, "\(run.stdout)")
            let summary = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
            #expect(summary?["issues"] as? Int == 3 && summary?["skippedResolved"] as? Int == 3, "\(run.stdout)")

            try await setup.guance.addReply(to: history.open[0], content: "<p>回填之后的回复</p>")
            expectation.unsyncedIssues = Set(history.resolved)
            problems = try await setup.waitUntil { expectation.problems($0) }
            #expect(problems.isEmpty, "after the backfill: \(problems.prefix(10))")
            problems = try await setup.waitUntilSettled { expectation.problems($0) }
            #expect(problems.isEmpty, "after more cycles: \(problems.prefix(10))")
            #expect(try await setup.stopPoller(poller) == 0)
        }
    }

    /// The start time the poller logged at its first start (`sync_from` of "guance-poller resumed").
    static func loggedSyncFrom(_ setup: PollerDeployment) -> Date? {
        for line in setup.deployment.logLines(of: "guance-poller") where line.contains("guance-poller resumed") {
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            if let text = object?["sync_from"] as? String, let date = try? Date.ISO8601FormatStyle().parse(text) {
                return date
            }
        }
        return nil
    }
}

/// Issues created 30 simulated days ago, each with a human reply; the first `resolved` of them
/// resolved a minute later.
struct History {
    var resolved: [String]
    var open: [String]

    var all: Set<String> { Set(resolved + open) }

    static func seed(_ guance: GuanceSimulatorControl, resolved: Int, open: Int) async throws -> History {
        try await guance.setClock(epochSeconds: Date().timeIntervalSince1970 - 30 * 86_400)
        var history = History(resolved: [], open: [])
        for index in 0..<(resolved + open) {
            let issue = try await guance.createIssue(
                name: "历史问题 #\(index)：接口超时", description: "<p>上个月的告警 \(index)</p>")
            try await guance.addReply(to: issue, content: "<p>历史回复 \(index)</p>")
            if index < resolved {
                try await guance.advanceClock(seconds: 60)
                try await guance.modifyIssue(issue, ["statusType": .int(20)])
                history.resolved.append(issue)
            } else {
                history.open.append(issue)
            }
        }
        try await guance.setClock(epochSeconds: Date().timeIntervalSince1970)
        return history
    }
}
