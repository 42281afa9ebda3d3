import Foundation
import PipelineTesting
import SimulatorControl
import Testing

/// Alternating rounds of assignee and priority changes (even rounds in Guance: assignees and
/// level; odd rounds in Jira: assignee and priority), the four stages as separate processes: every
/// change is written once to the other side, nothing bounces, and replaying both writers' topics
/// from the beginning writes nothing.
///
/// The suite runs 12 rounds per Jira flavour (~3 min); the full fifty (~12 min) with
/// `SYNC_ASSIGNEE_ROUNDS=50 swift test --filter AssigneeRoundsTests`.
@Suite("Assignees and priorities: fifty rounds and a replay (separate processes)", .serialized)
struct AssigneeRoundsTests {
    typealias Support = PipelineTestSupport
    typealias World = AssigneeWorld

    /// Rounds to play (`SYNC_ASSIGNEE_ROUNDS`, rounded up to even: half on each side).
    static let rounds: Int = {
        let asked = ProcessInfo.processInfo.environment["SYNC_ASSIGNEE_ROUNDS"].flatMap(Int.init) ?? 12
        return max(2, asked + asked % 2)
    }()

    @Test("alternating changes (50 with SYNC_ASSIGNEE_ROUNDS=50), each applied once; a replay writes nothing", arguments: [World.Variant.cloud, .dataCenterChinese])
    func fiftyRounds(variant: World.Variant) async throws {
        guard World.Variant.selected.contains(variant) else { return }
        var world = try await World(variant)
        try world.startStages()
        let logs = world.deployment.directory.path
        let created = try await world.issueWithTwin("支付网关超时 (\(variant))")
        let (uuid, key) = try #require(created, "no Jira twin; logs in \(logs)")

        for round in 0..<Self.rounds {
            let person = World.paired[round % World.paired.count]
            let index = round % 4
            let converged: Bool?
            if round.isMultiple(of: 2) {
                try await world.control.guanceAssign(issue: uuid, managers: [person.guance], by: World.zhang.guance)
                try await world.control.guanceLevel(issue: uuid, level: "system_level_\(index)", by: World.zhang.guance)
                converged = try await Support.eventually(timeout: .seconds(90)) { () -> Bool? in
                    let jira = try await world.jiraSide(key)
                    return jira.assignee == person.jira?.name && jira.priority == "\(index + 1)" ? true : nil
                }
            } else {
                try await world.jiraAssigns(key, to: person)
                try await world.control.jiraUserSetsPriority(key, priorityId: "\(index + 1)")
                converged = try await Support.eventually(timeout: .seconds(90)) { () -> Bool? in
                    let guance = try await world.guanceSide(uuid)
                    return guance.managers.contains(person.guance) && guance.level == "system_level_\(index)" ? true : nil
                }
            }
            #expect(converged == true, "round \(round) did not converge; logs in \(logs)")
            if converged != true { break }
            // The next person acts once this round's follow-ups (notes, echoes) are done, as people do.
            _ = try await world.settledWriteCounts(window: .milliseconds(1_500))
        }

        // Each change written once, nothing bounced.
        let half = Self.rounds / 2
        let written = [
            ("jira-writer", "assignee synced to Jira"), ("jira-writer", "priority synced to Jira"),
            ("guance-writer", "assignee synced to Guance"), ("guance-writer", "priority synced to Guance"),
        ].map { stage, line in (line, world.logLines(of: stage, containing: line).count) }
        for (line, count) in written { #expect(count == half, "\(line): \(count) times for \(half) changes; logs in \(logs)") }
        let jiraState = try await world.control.jiraState()
        let assigns = (jiraState["requestCounts"] as? [String: Any] ?? [:])
            .filter { $0.key.contains("/assignee") }.values.compactMap { $0 as? Int }.reduce(0, +)
        #expect(assigns == half, "Jira assignee writes: \(assigns); logs in \(logs)")
        let before = try #require(try await world.settledWriteCounts(), "writes never stopped; logs in \(logs)")
        try await Task.sleep(for: .seconds(8))
        let idle = try await world.control.writeCounts()
        #expect(idle == before, "writes while idle: \(before) → \(idle); logs in \(logs)")

        // Replay: both writers re-read their topics from the beginning; nothing is written again.
        var consumed: [String: Double] = [:]
        for stage in ["jira-writer", "guance-writer"] {
            consumed[stage] = try await Self.consumed(stage, world: world)
        }
        await world.stopStages(["jira-writer", "guance-writer"])
        for (group, topic) in [("jira-writer", "guance.events.v1"), ("guance-writer", "jira.events.v1")] {
            let replay = try ChildProcess(
                [
                    "replay", "--brokers", world.deployment.bootstrap, "--group", "guance-jira-sync.\(group)", "--topic", topic,
                    "--from-beginning", "--yes", "--timeout", "30",
                ],
                executable: "syncctl")
            #expect(try await replay.waitForExit(timeout: .seconds(90)) == 0, "replay \(group): \(replay.errorLines)")
        }
        try world.startStages(["jira-writer", "guance-writer"])
        for stage in ["jira-writer", "guance-writer"] {
            let target = consumed[stage] ?? 0
            let caughtUp = try await Support.eventually(timeout: .seconds(180)) { () -> Bool? in
                (try? await Self.consumed(stage, world: world)).map { $0 >= target ? true : nil } ?? nil
            }
            #expect(caughtUp == true, "\(stage) did not re-read its \(target) events; logs in \(logs)")
        }
        let afterReplay = try #require(try await world.settledWriteCounts(), "writes never stopped; logs in \(logs)")
        #expect(afterReplay == before, "the replay wrote: \(before) → \(afterReplay); logs in \(logs)")
        for (line, count) in written {
            let stage = line.hasSuffix("Jira") ? "jira-writer" : "guance-writer"
            #expect(world.logLines(of: stage, containing: line).count == count, "\(line) after the replay; logs in \(logs)")
        }

        await world.stopStages()
        await world.deployment.stop()
    }

    /// Events the running process of `stage` consumed so far (`sync_events_consumed_total`).
    static func consumed(_ stage: String, world: World) async throws -> Double {
        let port = try await world.deployment.httpPort(of: stage)
        let metrics = try await Support.get("http://127.0.0.1:\(port)/metrics")
        return Support.metric("sync_events_consumed_total", ["stage": stage], in: metrics.body)
    }
}
