import Foundation
import RichText
import Testing

/// guance-poller stopped or killed while Guance keeps changing, then restarted: nothing missed,
/// nothing duplicated. The simulator and poller budgets are scaled to 600 requests/min on both
/// sides so each scenario takes seconds.
@Suite("guance-poller: restarts")
struct RestartTests {
    static let modes: [(field: String, bumps: Bool)] = [
        ("createAt", false), ("createAt", true), ("updateAt", false), ("updateAt", true),
    ]

    /// Stopped (SIGTERM) for ten minutes of simulated activity — the simulator clock is advanced a
    /// minute between changes — then restarted, whichever timestamp the list window filters on
    /// and whether a reply bumps the issue's `updateAt`.
    @Test("stopped for 10 simulated minutes, restarted: nothing missed, nothing duplicated", arguments: modes)
    func stoppedDuringActivity(field: String, bumps: Bool) async throws {
        let behaviour: [String: JSONValue] = ["timeWindowField": .string(field), "replyBumpsIssueUpdateAt": .bool(bumps)]
        try await PollerDeployment.with(
            requestsPerMinute: 600, behaviour: behaviour, guanceSettings: Scenario.syncFromBeforeSeeding()
        ) { setup in
            let seeded = try await Scenario.seed(setup.guance, count: 20)
            var poller = try setup.startPoller()
            var problems = try await setup.waitUntil { EventExpectation().problems($0) }
            #expect(problems.isEmpty, "before the stop: \(problems.prefix(10))")
            #expect(try await setup.stopPoller(poller) == 0)

            let before = try await setup.guance.state()
            let activity = try await Self.tenMinutesOfActivity(setup.guance, seeded: seeded)
            let after = try await setup.guance.state()
            var expectation = EventExpectation(editedReplies: activity.edited, deletedReplies: activity.deleted)
            for (uuid, issue) in before.issues where after.issues[uuid]?.updateAt != issue.updateAt {
                expectation.snapshotsPerIssue[uuid] = 2
            }

            let eventsBefore = try await setup.topic.events().count
            poller = try setup.startPoller()
            problems = try await setup.waitUntil { expectation.problems($0) }
            #expect(problems.isEmpty, "after the restart: \(problems.prefix(10))")
            let converged = try await setup.guance.state().totalRequests - after.totalRequests
            let caughtUp = try await setup.topic.events().count - eventsBefore
            print("MEASURED restart \(field) bumps=\(bumps): \(caughtUp) events caught up with \(converged) Guance requests")
            // A few more cycles (sweep and reply checks included) must add nothing.
            problems = try await setup.waitUntilSettled { expectation.problems($0) }
            #expect(problems.isEmpty, "after more cycles: \(problems.prefix(10))")
            #expect(try await setup.stopPoller(poller) == 0)
        }
    }

    /// SIGKILL right after a batch of events is acknowledged and before the checkpoint is saved
    /// (fault point `guance_events_published`); the restarted poller re-reads the events published
    /// since the checkpoint and emits none of them again.
    @Test("SIGKILL between produce and checkpoint, restarted: no missing and no duplicate events")
    func killedBeforeCheckpoint() async throws {
        try await PollerDeployment.with(requestsPerMinute: 600, guanceSettings: Scenario.syncFromBeforeSeeding()) { setup in
            _ = try await Scenario.seed(setup.guance, count: 1)
            // The first batch (the seeded issue) is checkpointed; the second one is killed.
            var poller = try setup.startPoller(extraEnvironment: [
                "SYNC_FAULT_CRASH_AT": "guance_events_published", "SYNC_FAULT_CRASH_AFTER": "1",
            ])
            var problems = try await setup.waitUntil { EventExpectation().problems($0) }
            #expect(problems.isEmpty, "first batch: \(problems.prefix(10))")
            _ = try await Scenario.seed(setup.guance, count: 10, offset: 1)
            let status = try await poller.waitForExit(timeout: .seconds(120))
            #expect(status != nil && status != 0, "the poller was killed at the fault point")
            let published = try await setup.topic.events()
            #expect(published.count > 3, "the batch before the crash was acknowledged (\(published.count) events)")

            poller = try setup.startPoller()
            problems = try await setup.waitUntilSettled { EventExpectation().problems($0) }
            #expect(problems.isEmpty, "after the restart: \(problems.prefix(10))")
            let fresh = try await setup.guance.createIssue(name: "重启后的新问题", description: "<p>新</p>")
            try await setup.guance.addReply(to: fresh, content: "<p>重启后的回复</p>")
            problems = try await setup.waitUntil { observation in
                observation.world.issues[fresh] == nil ? ["waiting"] : EventExpectation().problems(observation)
            }
            #expect(problems.isEmpty, "later changes: \(problems.prefix(10))")
            #expect(try await setup.stopPoller(poller) == 0)
        }
    }

    /// What changed during the ten minutes.
    struct Activity {
        var edited: Set<String> = []
        var deleted: Set<String> = []
    }

    /// One change a simulated minute: new replies, a rename, a reply edit and deletion, a resolve
    /// (with its `change` entry), new human and monitor issues, the sync's own reply, a `change` entry.
    static func tenMinutesOfActivity(
        _ guance: GuanceSimulatorControl, seeded: [(issue: String, reply: String)]
    ) async throws -> Activity {
        var activity = Activity()
        for index in 0..<5 { try await guance.addReply(to: seeded[index].issue, content: "停机期间的回复 \(index) ✅") }
        try await guance.advanceClock(seconds: 60)
        try await guance.modifyIssue(seeded[5].issue, ["name": .string("已改名：支付服务超时")])
        try await guance.advanceClock(seconds: 60)
        try await guance.editReply(seeded[6].reply, content: "<p>已编辑：根因是连接池耗尽</p>")
        activity.edited.insert(seeded[6].reply)
        try await guance.advanceClock(seconds: 60)
        try await guance.deleteReply(seeded[7].reply)
        activity.deleted.insert(seeded[7].reply)
        try await guance.advanceClock(seconds: 60)
        try await guance.modifyIssue(seeded[8].issue, ["statusType": .int(20)])
        try await guance.advanceClock(seconds: 60)
        let fresh = try await guance.createIssue(name: "新问题：磁盘已满", description: "<p>/var 使用率 100%</p>")
        try await guance.addReply(to: fresh, content: "清理日志中")
        try await guance.advanceClock(seconds: 60)
        try await guance.createIssue(
            name: "监控器：内存泄漏", description: "<p>heap 持续增长</p>", actor: .string("monitor"),
            resourceType: "checker", resource: "内存监控")
        try await guance.advanceClock(seconds: 60)
        try await guance.addReply(
            to: seeded[9].issue, content: "来自 Jira", actor: .string(GuanceSimulatorControl.syncKeyID),
            extend: Scenario.syncMarker)
        try await guance.addReply(to: seeded[10].issue, content: "级别变更", type: "change", actor: .string("monitor"))
        try await guance.advanceClock(seconds: 60)
        try await guance.addReply(to: seeded[11].issue, content: "Alice was here", actor: .string(GuanceSimulatorControl.alice))
        try await guance.advanceClock(seconds: 60)
        try await guance.modifyIssue(
            seeded[12].issue, ["name": .string("改名并改描述"), "description": .string("<p>新的描述</p>")])
        try await guance.advanceClock(seconds: 60)
        return activity
    }
}
