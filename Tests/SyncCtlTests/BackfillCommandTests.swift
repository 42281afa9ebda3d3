import APICore
import AsyncHTTPClient
import Foundation
import GuanceAPI
import GuancePoller
import Kafka
import PipelineTesting
import SyncCore
import SyncOps
import Synchronization
import Testing

/// `syncctl backfill` against the Guance simulator and the dev broker, and the library's pacing.
@Suite("syncctl backfill", .serialized)
struct BackfillCommandTests {
    @Test("produces a snapshot per issue and the human replies to guance.events.v1, one request per page and per issue")
    func backfillsIssuesAndReplies() async throws {
        try await OpsHarness.run { harness in try await Self.backfillsIssuesAndReplies(harness) }
    }

    static func backfillsIssuesAndReplies(_ harness: OpsHarness) async throws {
        let issues = try await seed(harness)
        let run = try await harness.syncctl(
            ["backfill", "--since", "2000-01-01", "--replies", "--json"], environment: ["GUANCE_REQUESTS_PER_MINUTE": "4"])
        #expect(run.status == 0, "\(run.stdout)")
        let summary = try #require(try run.json() as? [String: Any])
        #expect(summary["issues"] as? Int == 3)
        #expect(summary["replies"] as? Int == 3, "the reply the sync wrote itself is not backfilled")
        #expect(summary["events"] as? Int == 6)
        #expect(summary["requests"] as? Int == 4, "one issue-list page and one reply list per issue")
        #expect(summary["complete"] as? Bool == true)

        let records = try await harness.records(of: SyncTopic.guanceEvents.name)
        let events = try records.map { try SyncEventCodec.decode(Data($0.value ?? [])) }
        #expect(events.filter { $0.type == .guanceIssueSnapshot }.map(\.key).sorted() == issues.sorted())
        #expect(events.filter { $0.type == .guanceReplyCreated }.count == 3)
        #expect(Set(records.compactMap(\.keyString)) == Set(issues), "keyed by the Guance issue")
        #expect(Set(events.map(\.id)).count == 6)

        let state = try #require(try await harness.http(.GET, harness.deployment.guanceURL + "/__sim/state", basic: nil) as? [String: Any])
        let requests = try #require(state["requests"] as? [String: Any])
        #expect(requests["total"] as? Int == 4, "the simulator saw what the backfill counted")
        #expect(requests["throttled"] as? Int == 0)

        let future = try await harness.syncctl(
            ["backfill", "--since", "2100-01-01", "--dry-run", "--json"], environment: ["GUANCE_REQUESTS_PER_MINUTE": "4"])
        #expect(future.status == 0)
        #expect((try future.json() as? [String: Any])?["events"] as? Int == 0)
        #expect(try await harness.records(of: SyncTopic.guanceEvents.name).count == 6, "a dry run produces nothing")

        // A failure stops the run with where to resume; resuming there finishes it, and the
        // events it produces again carry the same ids.
        _ = try await harness.http(
            .POST, harness.deployment.guanceURL + "/__sim/faults",
            json: ["effect": "status", "status": 400, "pathContains": "/reply/", "count": 1], basic: nil)
        let budget = ["GUANCE_REQUESTS_PER_MINUTE": "10"]
        let failed = try await harness.syncctl(
            ["backfill", "--since", "2000-01-01", "--replies", "--page-size", "1", "--json"], environment: budget)
        #expect(failed.status == 1)
        let stopped = try #require(try failed.json() as? [String: Any])
        #expect(stopped["complete"] as? Bool == false)
        let resumePage = try #require(stopped["resumeFromPage"] as? Int)
        let resumed = try await harness.syncctl(
            ["backfill", "--since", "2000-01-01", "--replies", "--page-size", "1", "--from-page", String(resumePage), "--json"],
            environment: budget)
        #expect(resumed.status == 0)
        let finished = try #require(try resumed.json() as? [String: Any])
        #expect(finished["complete"] as? Bool == true && finished["lastCompletedPage"] as? Int == 3)
        let all = try await harness.records(of: SyncTopic.guanceEvents.name)
        let ids = try all.map { try SyncEventCodec.decode(Data($0.value ?? [])).id }
        #expect(ids.count > 6 && Set(ids) == Set(events.map(\.id)), "re-produced events have the ids of the first run")
    }

    @Test("skips resolved and closed issues unless --include-resolved")
    func resolvedIssuesOnlyWhenAsked() async throws {
        try await OpsHarness.run { harness in try await Self.resolvedIssuesOnlyWhenAsked(harness) }
    }

    static func resolvedIssuesOnlyWhenAsked(_ harness: OpsHarness) async throws {
        let issues = try await seed(harness)
        let guance = harness.deployment.guanceURL
        _ = try await harness.http(.POST, guance + "/__sim/issues/\(issues[1])/modify", json: ["statusType": 20], basic: nil)
        _ = try await harness.http(.POST, guance + "/__sim/issues/\(issues[2])/modify", json: ["statusType": 25], basic: nil)
        let budget = ["GUANCE_REQUESTS_PER_MINUTE": "10"]

        let run = try await harness.syncctl(["backfill", "--since", "2000-01-01", "--replies", "--json"], environment: budget)
        #expect(run.status == 0, "\(run.stdout)")
        let summary = try #require(try run.json() as? [String: Any])
        #expect(summary["issues"] as? Int == 1 && summary["skippedIssues"] as? Int == 2 && summary["skippedResolved"] as? Int == 2)
        #expect(summary["requests"] as? Int == 2, "the list page and the open issue's replies: nothing read for the others")
        var events = try await harness.records(of: SyncTopic.guanceEvents.name).map { try SyncEventCodec.decode(Data($0.value ?? [])) }
        #expect(Set(events.map(\.key)) == [issues[0]], "only the open issue was backfilled")

        let all = try await harness.syncctl(
            ["backfill", "--since", "2000-01-01", "--include-resolved", "--json"], environment: budget)
        #expect(all.status == 0, "\(all.stdout)")
        let allSummary = try #require(try all.json() as? [String: Any])
        #expect(allSummary["issues"] as? Int == 3 && allSummary["skippedResolved"] as? Int == 0)
        events = try await harness.records(of: SyncTopic.guanceEvents.name).map { try SyncEventCodec.decode(Data($0.value ?? [])) }
        #expect(Set(events.filter { $0.type == .guanceIssueSnapshot }.map(\.key)) == Set(issues))
    }

    @Test("waits for the budget instead of exceeding it, and produces the same event ids on a second run")
    func pacedByTheBudget() async throws {
        try await OpsHarness.run { harness in try await Self.pacedByTheBudget(harness) }
    }

    static func pacedByTheBudget(_ harness: OpsHarness) async throws {
        _ = try await seed(harness)
        let clock = SteppedClock()
        let configuration = GuanceClientConfiguration(
            baseURL: harness.deployment.guanceURL, apiKey: GuanceAPIKey(TestDeployment.guanceKey),
            rateLimit: GuanceRateLimitPolicy(requestsPerWindow: 2), clock: clock, rateLimiterRegistry: GuanceRateLimiterRegistry())
        let client = GuanceClient(httpClient: .shared, configuration: configuration, logger: harness.logger)
        let produced = Mutex<[SyncEvent]>([])
        let backfill = Backfill(
            guance: client, mapper: GuanceEventMapper(consoleURL: "https://console.guance.example"),
            replyFilter: ReplyFilter(ownKeyIDs: []), publish: { events in produced.withLock { $0 += events } },
            logger: harness.logger)
        let progress = Mutex<[BackfillProgress]>([])
        let task = Task {
            try await backfill.run(Backfill.Options(since: .distantPast, includeReplies: true)) { update in
                progress.withLock { $0.append(update) }
            }
        }
        // Two requests fit the budget; the third waits on the limiter's clock.
        #expect(try await eventually { clock.sleepers > 0 })
        #expect(try await simulatorRequests(harness) == 2)
        #expect(progress.withLock { $0.last?.requests } == 2)
        #expect(progress.withLock { $0.last?.etaSeconds } ?? 0 > 0, "the ETA accounts for the wait")
        clock.advance(by: .seconds(61))
        let summary = try await task.value
        #expect(summary.requests == 4 && summary.complete)
        #expect(try await simulatorRequests(harness) == 4)

        let finished = Mutex(false)
        let again = Task {
            defer { finished.withLock { $0 = true } }
            return try await backfill.run(Backfill.Options(since: .distantPast, includeReplies: true))
        }
        // Every wait for the window is released by moving the clock, never by real time.
        #expect(try await eventually {
            if clock.sleepers > 0 { clock.advance(by: .seconds(61)) }
            return finished.withLock { $0 }
        })
        _ = try await again.value
        let ids = produced.withLock { $0.map(\.id) }
        #expect(ids.count == 2 * 6 && Set(ids).count == 6, "the same issues and replies give the same event ids")
    }

    /// Three issues; replies: two by people and one the sync wrote on the first, one on the second.
    static func seed(_ harness: OpsHarness) async throws -> [String] {
        let guance = harness.deployment.guanceURL
        var uuids: [String] = []
        for name in ["db-1 disk full", "api 5xx burst", "cert expires soon"] {
            let issue = try #require(try await harness.http(.POST, guance + "/__sim/issues", json: ["name": name], basic: nil) as? [String: Any])
            uuids.append(try #require(issue["uuid"] as? String))
        }
        for (issue, content) in [(uuids[0], "looking"), (uuids[0], "fixed by cleanup"), (uuids[1], "rolled back")] {
            _ = try await harness.http(.POST, guance + "/__sim/issues/\(issue)/replies", json: ["content": content], basic: nil)
        }
        _ = try await harness.http(
            .POST, guance + "/__sim/issues/\(uuids[0])/replies",
            json: ["content": "from Jira", "extend": ["guanceJiraSync": ["origin": "jira", "commentId": "10001"]]], basic: nil)
        return uuids
    }

    static func simulatorRequests(_ harness: OpsHarness) async throws -> Int? {
        let state = try await harness.http(.GET, harness.deployment.guanceURL + "/__sim/state", basic: nil) as? [String: Any]
        return (state?["requests"] as? [String: Any])?["total"] as? Int
    }

    static func eventually(_ condition: () -> Bool) async throws -> Bool {
        for _ in 0..<3000 {
            if condition() { return true }
            try await Task.sleep(for: .milliseconds(10))
        }
        return condition()
    }
}

/// A limiter clock that only moves when the test says so: waits for the budget window happen
/// without real waiting, and the test can see that a request is waiting.
final class SteppedClock: APIClock {
    private let state = Mutex<(offset: Duration, sleepers: Int)>((.zero, 0))
    private let origin = ContinuousClock.now

    /// How many sleeps are waiting for the clock to move.
    var sleepers: Int { state.withLock { $0.sleepers } }

    /// Moves the clock forward.
    func advance(by duration: Duration) {
        state.withLock { $0.offset += duration }
    }

    func now() -> ContinuousClock.Instant {
        origin + state.withLock { $0.offset }
    }

    func sleep(until deadline: ContinuousClock.Instant) async throws {
        guard now() < deadline else { return }
        state.withLock { $0.sleepers += 1 }
        defer { state.withLock { $0.sleepers -= 1 } }
        while now() < deadline {
            try await Task.sleep(for: .milliseconds(5))
        }
    }
}
