import Foundation
import PipelineTesting
import SimulatorControl
import Testing

/// Everything at once: the four stages as separate processes (writers at two replicas), a seeded
/// workload of people and monitor storms on both sides, and at the same time SIGKILLs of random
/// stages, dev-broker outages and leader moves, 10 % of API calls failing (5xx, 429/401 throttling,
/// connections dropped before and after a write, slow answers), a lagging Jira search index and
/// every stage host's clock off by minutes. Then quiet: every invariant of ``ChaosInvariants`` holds,
/// no event is left unconsumed or in a retry loop, no dead letter was written, and replaying both
/// writer groups from the beginning writes nothing on either side.
///
/// CI runs the short profile with a fixed seed; the documented long run (an hour, 500 issues) is
/// `SYNC_CHAOS_PROFILE=long SYNC_CHAOS_SEEDS=random:1 swift test --filter ChaosTests` (docs/reliability.md).
/// A failing seed keeps its logs and prints its fault timeline; `SYNC_CHAOS_SEEDS=<seed>` plays the
/// same workload and schedule again.
@Suite("Chaos (separate processes)", .serialized)
struct ChaosTests {
    typealias Support = PipelineTestSupport

    @Test("everything at once, then quiet: nothing lost, nothing duplicated, both sides agree, a replay writes nothing")
    func chaos() async throws {
        let environment = ProcessInfo.processInfo.environment
        let profile = ChaosProfile.selected(environment)
        for seed in ChaosProfile.seeds(environment) {
            try await run(seed: seed, profile: profile)
        }
    }

    func run(seed: UInt64, profile: ChaosProfile) async throws {
        var random = SeededGenerator(seed: seed)
        let listMode = Bool.random(using: &random) ? "createAt" : "updateAt"
        let deployment = try await TestDeployment(
            simulatorArguments: [
                "--guance-requests-per-minute", "0", "--jira-search-lag", String(profile.searchLagSeconds),
                "--guance-behaviour", #"{"timeWindowField":"\#(listMode)","replyBumpsIssueUpdateAt":false}"#,
            ],
            brokerControl: true)
        let logs = deployment.directory.path
        let control = Support.control(deployment)
        try await control.guanceRateLimits(perKey: 1_000_000, perWorkspace: 1_000_000)
        let config = try deployment.writeConfiguration(configuration(deployment))
        // Every stage host's clock off by one to five minutes, ahead or behind.
        let offsets = ChaosStages.layout.map { _ in Double(Int.random(in: 60...300, using: &random) * (Bool.random(using: &random) ? 1 : -1)) }
        let stages = ChaosStages(deployment: deployment, configurationPath: config, clockOffsets: offsets)
        let brokerControl = try #require(deployment.brokerControlURL)
        try await ChaosFaults.pinGroupCoordinators(brokerControl: brokerControl, control: control)
        try await stages.startAll()
        print("chaos seed \(seed) [\(profile)], list window on \(listMode), clock offsets \(offsets.map { Int($0) }); logs in \(logs)")

        let workload = ChaosWorkload(control: control, seed: seed)
        let faults = ChaosFaults(stages: stages, control: control, brokerControl: brokerControl, seed: seed)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await workload.play(profile) }
            group.addTask { try await faults.run(profile) }
            try await group.waitForAll()
        }
        // Quiet: every process running again, the invariants met within the timeout.
        try await stages.startAll()
        let issues = await workload.issues
        let replies = Array(await workload.guanceReplies.values)
        let comments = Array(await workload.jiraComments.values)
        let decisions = await workload.decisions
        func invariants() async throws -> ChaosInvariants {
            let guance = try await control.guanceState()
            let jira = try await control.jiraState()
            var invariants = ChaosInvariants(guance: guance, jira: jira, issues: issues, replies: replies, comments: comments)
            invariants.checkLastDecisions(decisions, guance: guance, jira: jira)
            return invariants
        }
        let quietStarted = ContinuousClock.now
        var state = try await invariants()
        while !state.violations.isEmpty, state.onlyPending, ContinuousClock.now - quietStarted < profile.quietTimeout {
            try await Task.sleep(for: .seconds(1))
            state = try await invariants()
        }
        let convergedAfter = ContinuousClock.now - quietStarted
        // The writers commit their offsets a second after the effect; an event whose effect is
        // moot by now (a reply deleted since) may still wait on another attempt's intent — at most
        // the settle time (30 s here) after the writer first saw it, looking every 10 s.
        var lag = try await Self.writerLag(deployment, config: config)
        if lag != 0 {
            _ = try await Support.eventually(timeout: .seconds(90)) { () -> Bool? in
                lag = try await Self.writerLag(deployment, config: config)
                return lag == 0 ? true : nil
            }
        }
        // Every event consumed: no write is still coming (a retry holds its offset).
        let settled = try await Self.settledWriteCounts(control)
        let countsBeforeReplay = try await Self.requestCounts(control)
        let deadLetters = try await Self.deadLetters(deployment, config: config)
        let crashed = await stages.crashed()

        // Replay: both writer groups from the beginning; nothing may be written on either side.
        await stages.stop(["jira-writer", "guance-writer"])
        for (group, topic) in [("jira-writer", "guance.events.v1"), ("guance-writer", "jira.events.v1")] {
            let replay = try ChildProcess(
                [
                    "replay", "--brokers", deployment.bootstrap, "--group", "guance-jira-sync.\(group)", "--topic", topic,
                    "--from-beginning", "--yes", "--timeout", "60",
                ],
                executable: "syncctl")
            #expect(try await replay.waitForExit(timeout: .seconds(120)) == 0, "replay \(group): \(replay.errorLines)")
        }
        try await stages.start(stage: "jira-writer")
        try await stages.start(stage: "guance-writer")
        let replayed = try await Support.eventually(timeout: .seconds(180)) { () -> Bool? in
            (try? await Self.writerLag(deployment, config: config)) == 0 ? true : nil
        }
        let afterReplay = try await Self.settledWriteCounts(control)
        let replayRequests = try await Self.requestCounts(control).filter { $0.value != countsBeforeReplay[$0.key] }
            .filter { key, _ in
                let endpoint = key.split(separator: " ").dropLast().joined(separator: " ")
                return ["/add", "/modify", "/create", "/delete"].contains { endpoint.hasSuffix($0) }
                    || (["POST ", "PUT ", "DELETE "].contains { key.hasPrefix($0) } && !key.contains("search") && !key.contains("/list"))
            }
            .map { "\($0.key) +\($0.value - (countsBeforeReplay[$0.key] ?? 0))" }.sorted()
        let final = try await invariants()

        let faultCounts = await faults.counts
        let workloadCounts = await workload.counts
        let jiraState = try await control.jiraState()
        let guanceFaults = (try await control.guanceState()["requests"] as? [String: Any])?["injectedFaults"] ?? "?"
        print("""
            chaos seed \(seed): converged after \(convergedAfter); workload \(workloadCounts.sorted { $0.key < $1.key });
              faults \(faultCounts.sorted { $0.key < $1.key }), Guance API faults \(guanceFaults), Jira API faults \
            \((jiraState["randomFaults"] as? [String: Any] ?? [:]).sorted { $0.key < $1.key });
              writes Guance \(settled?.guance ?? -1), Jira \(settled?.jira ?? -1); writer lag \(lag); dead letters \(deadLetters);
              invariant checks \(final.checked), violations \(final.violations.count); replay caught up \(replayed == true), \
            writes after the replay \(String(describing: afterReplay)) \(replayRequests); stages that exited on their own \(crashed)
            """)
        let replayWrote = settled.map { "\($0)" } != afterReplay.map { "\($0)" }
        let failed = !state.violations.isEmpty || !final.violations.isEmpty || settled == nil || replayWrote || lag != 0
            || !deadLetters.isEmpty || replayed != true || !crashed.isEmpty
        #expect(state.violations.isEmpty, "seed \(seed): \(state.violations.count) violations, e.g. \(state.violations.prefix(8)); logs in \(logs)")
        #expect(settled != nil, "seed \(seed): writes never stopped; logs in \(logs)")
        let lagging = lag == 0 ? [] : (try? await Self.laggingPartitions(deployment, config: config)) ?? []
        #expect(lag == 0, "seed \(seed): writers left \(lag) events unconsumed (\(lagging)); logs in \(logs)")
        #expect(deadLetters.isEmpty, "seed \(seed): dead letters \(deadLetters); logs in \(logs)")
        #expect(crashed.isEmpty, "seed \(seed): stages exited on their own: \(crashed); logs in \(logs)")
        #expect(replayed == true, "seed \(seed): the replay did not catch up; logs in \(logs)")
        #expect(!replayWrote, "seed \(seed): the replay wrote: \(String(describing: settled)) → \(String(describing: afterReplay)); logs in \(logs)")
        #expect(final.violations.isEmpty, "seed \(seed) after the replay: \(final.violations.prefix(8)); logs in \(logs)")
        if failed {
            print("chaos seed \(seed) fault timeline:\n  " + (await faults.timeline).joined(separator: "\n  "))
        }
        await stages.stopAll()
        await deployment.stop(keepingLogs: failed)
    }

    /// Write counts once they have not moved for five seconds (`nil` if they never settle within two minutes).
    static func settledWriteCounts(_ control: SimulatorControl) async throws -> (guance: Int, jira: Int)? {
        var last = try await control.writeCounts()
        var stableSince = ContinuousClock.now
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(500))
            let now = try await control.writeCounts()
            if now != last {
                last = now
                stableSince = ContinuousClock.now
            } else if ContinuousClock.now - stableSince >= .seconds(5) {
                return now
            }
        }
        return nil
    }

    /// Requests per endpoint and status on both simulators (`METHOD route status` for Jira, `endpoint status` for Guance).
    static func requestCounts(_ control: SimulatorControl) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for (key, value) in try await control.jiraState()["requestCounts"] as? [String: Any] ?? [:] {
            counts[key] = value as? Int ?? 0
        }
        let guance = (try await control.guanceState()["requests"] as? [String: Any])?["countsByEndpoint"] as? [String: Any] ?? [:]
        for (endpoint, byStatus) in guance {
            for (status, value) in byStatus as? [String: Any] ?? [:] { counts["\(endpoint) \(status)"] = value as? Int ?? 0 }
        }
        return counts
    }

    /// Events both writer groups have not consumed yet (`syncctl status`).
    static func writerLag(_ deployment: TestDeployment, config: String) async throws -> Int {
        let status = try ChildProcess(["status", "--brokers", deployment.bootstrap, "--config", config, "--json"], executable: "syncctl")
        _ = try await status.waitForExit(timeout: .seconds(60))
        let report = try JSONSerialization.jsonObject(with: Data(status.lines.joined(separator: "\n").utf8)) as? [String: Any]
        return (report?["groups"] as? [[String: Any]] ?? []).compactMap { $0["lag"] as? Int }.reduce(0, +)
    }

    /// The partitions with lag, as `group topic[partition] committed → end` (`syncctl status`): the
    /// record at the committed offset is the one a writer left unfinished.
    static func laggingPartitions(_ deployment: TestDeployment, config: String) async throws -> [String] {
        let status = try ChildProcess(["status", "--brokers", deployment.bootstrap, "--config", config, "--json"], executable: "syncctl")
        _ = try await status.waitForExit(timeout: .seconds(60))
        let report = try JSONSerialization.jsonObject(with: Data(status.lines.joined(separator: "\n").utf8)) as? [String: Any]
        return (report?["groups"] as? [[String: Any]] ?? []).flatMap { group in
            (group["partitions"] as? [[String: Any]] ?? []).filter { ($0["lag"] as? Int ?? 0) > 0 }.map { partition in
                "\(group["group"] ?? "?") \(group["topic"] ?? "?")[\(partition["partition"] ?? "?")] "
                    + "\(partition["committed"] ?? "-") → \(partition["end"] ?? "?")"
            }
        }
    }

    /// The open dead letters, as `reason: source` lines (`syncctl dlq list`).
    static func deadLetters(_ deployment: TestDeployment, config: String) async throws -> [String] {
        let list = try ChildProcess(["dlq", "list", "--brokers", deployment.bootstrap, "--config", config, "--json"], executable: "syncctl")
        _ = try await list.waitForExit(timeout: .seconds(60))
        let letters = try JSONSerialization.jsonObject(with: Data(list.lines.joined(separator: "\n").utf8)) as? [[String: Any]] ?? []
        return letters.map { "\($0["reason"] ?? "?"): \($0["source"] ?? $0["key"] ?? "?")" }
    }

    func configuration(_ deployment: TestDeployment) -> String {
        """
        guance:
          baseURL: \(deployment.guanceURL)
          consoleURL: https://console.guance.example
          channels: [default]
          pollIntervalSeconds: 1
          overlapSeconds: 5
          sweepIntervalSeconds: 5
          # Replies do not bump updateAt here: quiet issues' reply lists are re-read every minute at most.
          replyCheckMaxSeconds: 60
          closedReplyCheckSeconds: 60
        jira:
          baseURL: \(deployment.jiraURL)
          flavor: auto
          labels: [guance]
          pollIntervalSeconds: 1
          overlapMinutes: 2
        routing:
          default:
            project: OPS
            issueType: "10004"
        """
    }
}
