import Foundation
import Kafka
import PipelineTesting
import StageRuntime
import SyncCore
import Testing

/// The back-link spends the Guance budget, jira-writer's smallest; it runs as a follow-up off the
/// issue's lane, so it never holds up a Jira write (issue 12: in a storm of 35 issues the replies
/// reached Jira after ~20 minutes, behind back-links waiting for 3 requests/min). Its record is
/// committed only once the back-link landed, so a crash before that posts it after the restart.
@Suite("jira-writer: the back-link is a follow-up off the issue's lane")
struct BacklinkFollowUpTests {
    @Test("a back-link Guance refuses does not hold up the issue's comment; it lands once when Guance answers, then the record is committed")
    func commentNotHeldUp() async throws {
        try await WriterDeployment.with(
            simulatorArguments: ["--guance-requests-per-minute", "600"], policies: "  backlink: linkList") { harness in
            let issue = try await harness.createGuanceIssue("磁盘空间不足")
            // Every issue modify fails until the fault is cleared: the back-link cannot land.
            _ = try await harness.guanceControl(.POST, "/__sim/faults", body: [
                "effect": "status", "status": 503, "pathContains": "/modify", "count": NSNull(),
            ])
            let reply = GuanceEvents.replyUUID()
            try await harness.publish([GuanceEvents.snapshot(issue), GuanceEvents.reply(issue, reply: reply, text: "first reply")])
            let writer = try harness.startWriter(["GUANCE_REQUESTS_PER_MINUTE": "600"])

            #expect(try await harness.waitForComment(ofReply: reply), "the comment waited for the back-link")
            #expect(try await harness.linkList(of: issue).isEmpty, "the back-link cannot have landed yet")
            #expect(try await harness.eventually { try await harness.guanceRequests(path: "modify") >= 1 }, "the back-link was not even tried")

            _ = try await harness.guanceControl(.DELETE, "/__sim/faults")
            #expect(try await harness.eventually(timeout: .seconds(120)) { try await harness.linkList(of: issue).count == 1 })
            #expect(try await harness.eventually(timeout: .seconds(120)) { try await harness.groupLag() == 0 },
                    "the snapshot's record was not committed after its back-link landed")
            try await harness.stop(writer)
            #expect(try await harness.linkList(of: issue).count == 1)
            #expect(try await harness.jiraState().issues(forGuance: issue).count == 1)
            #expect(try await harness.jiraState().comments(forReply: reply).count == 1)
        }
    }

    @Test("SIGKILL while the back-link cannot land: the restarted writer posts it, once, and duplicates nothing")
    func crashBeforeBacklink() async throws {
        try await WriterDeployment.with(
            simulatorArguments: ["--guance-requests-per-minute", "600"], policies: "  backlink: linkList") { harness in
            let issue = try await harness.createGuanceIssue("CPU 使用率过高")
            _ = try await harness.guanceControl(.POST, "/__sim/faults", body: [
                "effect": "status", "status": 503, "pathContains": "/modify", "count": NSNull(),
            ])
            let reply = GuanceEvents.replyUUID()
            try await harness.publish([GuanceEvents.snapshot(issue), GuanceEvents.reply(issue, reply: reply, text: "first reply")])
            let first = try harness.startWriter(["GUANCE_REQUESTS_PER_MINUTE": "600"])
            #expect(try await harness.waitForComment(ofReply: reply))
            #expect(try await harness.eventually { try await harness.guanceRequests(path: "modify") >= 1 })
            first.kill()
            _ = try await first.waitForExit(timeout: .seconds(30))
            #expect(try await harness.linkList(of: issue).isEmpty)

            _ = try await harness.guanceControl(.DELETE, "/__sim/faults")
            let second = try harness.startWriter(["GUANCE_REQUESTS_PER_MINUTE": "600"])
            #expect(try await harness.eventually(timeout: .seconds(180)) { try await harness.linkList(of: issue).count == 1 },
                    "the back-link was lost with the killed writer")
            #expect(try await harness.eventually(timeout: .seconds(120)) { try await harness.groupLag() == 0 })
            try await harness.stop(second)
            #expect(try await harness.linkList(of: issue).count == 1)
            #expect(try await harness.jiraState().issues(forGuance: issue).count == 1)
            #expect(try await harness.jiraState().comments(forReply: reply).count == 1)
        }
    }

    @Test("a person assigns the issue while the back-link's modify is throttled: the back-link reads again and keeps the assignee")
    func backlinkKeepsAssigneeSetMeanwhile() async throws {
        try await WriterDeployment.with(
            simulatorArguments: ["--guance-requests-per-minute", "600"], policies: "  backlink: linkList") { harness in
            let issue = try await harness.createGuanceIssue("内存泄漏")
            // The back-link's first two modifies are throttled: the key pauses for 2.5–5 s, then 5–10 s.
            _ = try await harness.guanceControl(.POST, "/__sim/faults", body: [
                "effect": "throttleKey", "pathContains": "/modify", "count": 2,
            ])
            try await harness.publish([GuanceEvents.snapshot(issue)])
            let writer = try harness.startWriter(["GUANCE_REQUESTS_PER_MINUTE": "600"])
            #expect(try await harness.eventually { try await harness.guanceRequests(path: "modify") >= 1 }, "the back-link was not tried")
            // Meanwhile a person assigns the issue. A modify re-sent as first built would carry the
            // `extend` read before this and take the assignee away again (Guance replaces `extend`).
            _ = try await harness.guanceControl(.POST, "/__sim/issues/\(issue)/modify", body: ["managers": ["acnt_person"]])
            #expect(try await harness.eventually(timeout: .seconds(120)) { try await harness.linkList(of: issue).count == 1 },
                    "the back-link never landed")
            #expect(try await harness.managers(of: issue) == ["acnt_person"], "the back-link undid the person's assignment")
            try await harness.stop(writer)
        }
    }

    @Test("a write that re-sends an `extend` read before the back-link takes it away: the next newer snapshot puts it back, once; older snapshots do not")
    func removedBacklinkIsPostedAgain() async throws {
        try await WriterDeployment.with(
            simulatorArguments: ["--guance-requests-per-minute", "600"], policies: "  backlink: linkList") { harness in
            let issue = try await harness.createGuanceIssue("磁盘 IO 饱和")
            try await harness.publish([GuanceEvents.snapshot(issue)])
            let writer = try harness.startWriter(["GUANCE_REQUESTS_PER_MINUTE": "600"])
            #expect(try await harness.eventually(timeout: .seconds(120)) { try await harness.linkList(of: issue).count == 1 })
            #expect(try await harness.eventually(timeout: .seconds(120)) { try await harness.groupLag() == 0 })
            // Another writer of the issue re-sends the `extend` it read before the back-link landed.
            _ = try await harness.guanceControl(.POST, "/__sim/issues/\(issue)/modify", body: ["extend": ["linkList": []]])
            #expect(try await harness.linkList(of: issue).isEmpty)
            // A replayed older snapshot (without the link) changes nothing.
            try await harness.publish([GuanceEvents.snapshot(issue, status: 10, minute: 5)])
            #expect(try await harness.eventually(timeout: .seconds(120)) { try await harness.groupLag() == 0 })
            #expect(try await harness.linkList(of: issue).isEmpty, "an older snapshot re-posted the back-link")
            // The snapshot guance-poller publishes for the change (newer, without the link) puts it back.
            try await harness.publish([GuanceEvents.snapshot(issue, status: 10, at: Date().addingTimeInterval(60))])
            #expect(try await harness.eventually(timeout: .seconds(120)) { try await harness.linkList(of: issue).count == 1 },
                    "the removed back-link was not posted again")
            #expect(try await harness.eventually(timeout: .seconds(120)) { try await harness.groupLag() == 0 })
            try await harness.stop(writer)
            #expect(try await harness.linkList(of: issue).count == 1)
        }
    }
}

extension WriterDeployment {
    /// The assignees (`extend.manager`) of a Guance issue, as the simulator holds them.
    func managers(of issue: String) async throws -> [String] {
        let state = try await guanceControl(.GET, "/__sim/state") as? [String: Any]
        let issues = state?["issues"] as? [[String: Any]] ?? []
        let extend = issues.first { $0["uuid"] as? String == issue }?["extend"] as? [String: Any] ?? [:]
        return extend["manager"] as? [String] ?? []
    }

    /// Creates a Guance issue in the simulator (a back-link needs one to write to) and returns its UUID.
    func createGuanceIssue(_ name: String) async throws -> String {
        let created = try await guanceControl(.POST, "/__sim/issues", body: ["name": name])
        return try #require((created as? [String: Any])?["uuid"] as? String)
    }

    /// The `extend.linkList` entries of a Guance issue, as the simulator holds them.
    func linkList(of issue: String) async throws -> [[String: Any]] {
        let state = try await guanceControl(.GET, "/__sim/state") as? [String: Any]
        let issues = state?["issues"] as? [[String: Any]] ?? []
        let extend = issues.first { $0["uuid"] as? String == issue }?["extend"] as? [String: Any] ?? [:]
        return extend["linkList"] as? [[String: Any]] ?? []
    }

    /// Guance requests so far whose path contains `path`.
    func guanceRequests(path: String) async throws -> Int {
        let state = try await guanceControl(.GET, "/__sim/state") as? [String: Any]
        let counts = (state?["requests"] as? [String: Any])?["countsByEndpoint"] as? [String: Any] ?? [:]
        return counts.filter { $0.key.contains(path) }
            .flatMap { ($0.value as? [String: Any] ?? [:]).values.compactMap { ($0 as? NSNumber)?.intValue } }
            .reduce(0, +)
    }

    /// The jira-writer group's lag on `guance.events.v1` (records not committed), over all partitions.
    func groupLag() async throws -> Int64 {
        let admin = try KafkaAdmin(
            configuration: StageKafka(brokers: [deployment.bootstrap], clientID: "jira-writer-tests-lag").client, logger: Self.logger)
        defer { Task { await admin.shutdown() } }
        let lags = try await admin.lag(group: "guance-jira-sync.jira-writer", topic: SyncTopic.guanceEvents.name)
        return lags.reduce(0) { $0 + $1.lag }
    }
}
