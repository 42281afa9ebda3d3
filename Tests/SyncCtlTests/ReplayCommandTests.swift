import Foundation
import PipelineTesting
import Testing

/// `syncctl replay` against a dev broker: a group that consumed and committed is moved back,
/// the plan shows what will be re-read, and a group with a live member is refused.
@Suite("syncctl replay", .serialized)
struct ReplayCommandTests {
    static let topic = "guance.events.v1"

    /// Produces `count` keyed messages and lets `group` consume and commit all of them.
    static func consumedGroup(_ fixture: OperationsFixture, group: String, count: Int) async throws {
        try await fixture.produce((0..<count).map { "issue-\($0 % 7)\tvalue-\($0)" }, to: topic)
        let consumer = try ChildProcess(
            ["consume", "--bootstrap-servers", fixture.bootstrap, "--topic", topic, "--group", group, "--after", "commit"],
            executable: "kafka-probe")
        let deadline = ContinuousClock.now + .seconds(90)
        while consumer.lines.filter({ $0.hasPrefix("COMMITTED") }).count < count, consumer.isRunning, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(consumer.lines.filter { $0.hasPrefix("COMMITTED") }.count == count, "the consumer did not commit every message")
        consumer.terminate()
        #expect(try await consumer.waitForExit(timeout: .seconds(60)) == 0)
    }

    static func partitions(_ report: [String: Any]) throws -> [[String: Any]] {
        try #require((report["plan"] as? [String: Any])?["partitions"] as? [[String: Any]])
    }

    @Test("prints the plan, refuses to apply without --yes (4), applies with --yes, and the group then starts over")
    func replaysFromTheBeginning() async throws {
        let fixture = try await OperationsFixture()
        let group = "replay-\(UUID().uuidString)"
        let count = 20
        try await Self.consumedGroup(fixture, group: group, count: count)
        let base = ["replay", "--brokers", fixture.bootstrap, "--group", group, "--topic", Self.topic]

        let (unconfirmed, plan) = try await fixture.syncctlJSON(base + ["--from-beginning"])
        #expect(unconfirmed == 4)
        #expect(plan["applied"] as? Bool == false)
        let before = try Self.partitions(plan)
        #expect(before.count == 12)
        let committed = before.compactMap { $0["committedOffset"] as? Int }.reduce(0, +)
        #expect(committed == count, "committed offsets add up to the messages consumed")
        #expect(before.compactMap { $0["reRead"] as? Int }.reduce(0, +) == count)
        #expect(before.allSatisfy { $0["newOffset"] as? Int == 0 })

        let (humanStatus, table) = try await fixture.syncctl(base + ["--from-beginning"])
        #expect(humanStatus == 4)
        #expect(table.contains("PARTITION") && table.contains("RE-READ") && table.contains("\(count) message(s) will be read again"), "\(table)")
        #expect(table.contains("not applied"))

        let (applied, result) = try await fixture.syncctlJSON(base + ["--from-beginning", "--yes"])
        #expect(applied == 0, "\(result)")
        #expect(result["applied"] as? Bool == true)
        let offsets = try #require(result["appliedOffsets"] as? [String: Int])
        #expect(offsets.count == 12 && offsets.values.allSatisfy { $0 == 0 })

        // The group's committed offsets are now the beginning: a plan to the end shows it.
        let (_, after) = try await fixture.syncctlJSON(base + ["--from-offset", "1000000"])
        let moved = try Self.partitions(after)
        #expect(moved.allSatisfy { ($0["committedOffset"] as? Int ?? 0) == 0 })
        #expect(moved.compactMap { $0["toRead"] as? Int }.reduce(0, +) == 0, "offset past the end is clamped to the end")

        // A time target is resolved by the broker when applying: the plan cannot count it yet.
        let (timeStatus, timePlan) = try await fixture.syncctlJSON(base + ["--from-time", "2026-11-28T22:00:00Z"])
        #expect(timeStatus == 4)
        let timed = try Self.partitions(timePlan)
        #expect(timed.allSatisfy { $0["newOffset"] is NSNull && $0["reRead"] is NSNull })
        #expect((timePlan["plan"] as? [String: Any])?["target"] as? String == "2026-11-28T22:00:00Z")
        try await fixture.stop()
    }

    @Test("refuses (exit 3) while the group has a live member")
    func refusesLiveGroups() async throws {
        let fixture = try await OperationsFixture()
        let group = "replay-live-\(UUID().uuidString)"
        try await fixture.produce(["issue-1\tvalue"], to: Self.topic)
        let member = try ChildProcess(
            ["consume", "--bootstrap-servers", fixture.bootstrap, "--topic", Self.topic, "--group", group, "--after", "commit"],
            executable: "kafka-probe")
        let assigned = try await member.waitForLine { $0.hasPrefix("ASSIGNED ") && $0.count > "ASSIGNED ".count }
        try #require(assigned != nil, "the live member never got partitions")

        let (status, output) = try await fixture.syncctl([
            "replay", "--brokers", fixture.bootstrap, "--group", group, "--topic", Self.topic,
            "--from-beginning", "--yes", "--timeout", "10",
        ])
        #expect(status == 3, "\(output)")
        #expect(member.isRunning, "the refused replay must leave the member running")
        member.terminate()
        _ = try await member.waitForExit(timeout: .seconds(60))
        try await fixture.stop()
    }

    @Test("usage errors: no target, two targets, a bad time (exit 64)")
    func usageErrors() async throws {
        let fixture = try await OperationsFixture()
        let base = ["replay", "--brokers", fixture.bootstrap, "--group", "g", "--topic", Self.topic]
        for extra in [[], ["--from-beginning", "--from-offset", "3"], ["--from-time", "yesterday"]] {
            let (status, _) = try await fixture.syncctl(base + extra)
            #expect(status == 64, "\(extra)")
        }
        try await fixture.stop()
    }
}
