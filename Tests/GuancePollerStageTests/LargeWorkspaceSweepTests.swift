import Foundation
import GuanceSimulator
import SyncCore
import Testing

/// A status change to an issue resolved months ago, in a workspace whose history does not fit into
/// one minute's budget, with the list window on `createAt`: only the sweep can see it, and the sweep
/// spans several cycles. Scaled: 4,000 issues (40 pages) at 60 requests a minute, with windowed
/// lists every 5 s taking 12 of them, leave the sweep about 24 pages a minute — 40 pages take
/// longer than a minute's budget, as 200 pages at the real 20 a minute would (the planner is
/// linear in pages and budget). The issue is re-opened after the first sweep passed it, so the
/// next sweep, an interval later, must find it. The bound is the one
/// `docs/stages/guance-poller.md` documents: sweep interval + two sweeps + a poll interval.
@Suite("guance-poller: an old issue in a large workspace")
struct LargeWorkspaceSweepTests {
    @Test("a resolved issue from months ago, re-opened in a 4,000-issue workspace (window on createAt) after the first sweep passed it, is published within the documented bound, never throttled")
    func reopenedOldIssue() async throws {
        let (issues, requestsPerMinute, sweepInterval, pollInterval) = (4_000, 60, 30, 5)
        try await PollerDeployment.with(
            requestsPerMinute: requestsPerMinute, behaviour: ["timeWindowField": .string("createAt")],
            pollIntervalSeconds: pollInterval,
            guanceSettings: ["sweepIntervalSeconds": "\(sweepInterval)", "preStartReplyCheckSeconds": "0"]
        ) { setup in
            let now = Date().timeIntervalSince1970
            let answer = try await setup.guance.send(.POST, "history", .object([
                "count": .int(Int64(issues)), "fromEpochSeconds": .double(now - 90 * 86_400),
                "toEpochSeconds": .double(now - 86_400), "openEvery": .int(10),
            ]))
            let history = answer["issues"]?.arrayValue ?? []
            #expect(history.count == issues)
            // The oldest resolved issue: on the last page of a list ordered by creation, newest first.
            let oldest = try #require(history.first { $0["statusType"]?.intValue == 20 }?["uuid"]?.stringValue)
            let poller = try setup.startPoller()
            let pagesRead = try await setup.waitUntil(timeout: .seconds(300)) { observation in
                // The first sweep (at the start) has read every page once the requests pass them.
                observation.world.totalRequests >= issues / 100 + 2 ? [] : ["the first sweep is still under way"]
            }
            #expect(pagesRead.isEmpty)
            try await setup.guance.modifyIssue(oldest, ["statusType": .int(10)])
            let reopenedAt = ContinuousClock.now
            let pages = Double((issues + 99) / 100)
            let bound = Double(sweepInterval) + 2 * pages / (Double(requestsPerMinute) / 2) * 60 + Double(pollInterval)

            let problems = try await setup.waitUntil(timeout: .seconds(Int64(bound) + 60)) { observation in
                let published = observation.events.contains { event in
                    if case .guanceIssueSnapshot(let snapshot) = event.body { return snapshot.issueUUID == oldest && snapshot.statusType == 10 }
                    return false
                }
                return published ? [] : ["the re-opened issue is not published yet"]
            }
            let delay = (ContinuousClock.now - reopenedAt).components.seconds
            #expect(problems.isEmpty)
            #expect(Double(delay) <= bound, "published after \(delay) s; documented bound \(Int(bound)) s")
            let world = try await setup.guance.state()
            #expect(world.throttled == 0, "the simulator throttled \(world.throttled) requests")
            let events = try await setup.topic.events()
            #expect(events.count == 1, "history publishes nothing; only the re-opened issue: \(events.count) events")
            print("MEASURED old issue re-opened after the first sweep in \(issues) issues at \(requestsPerMinute)/min: published within \(delay) s (bound \(Int(bound)) s), \(world.totalRequests) requests")
            #expect(try await setup.stopPoller(poller) == 0)
        }
    }
}
