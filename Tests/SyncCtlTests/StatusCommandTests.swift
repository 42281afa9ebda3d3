import Foundation
import Kafka
import StageRuntime
import SyncCore
import Testing

/// `syncctl status` against the dev broker: lag per group and partition, checkpoints and their age.
@Suite("syncctl status", .serialized)
struct StatusCommandTests {
    @Test("reports a writer group's lag per partition and a stale checkpoint, and exits 2")
    func lagAndStaleCheckpoint() async throws {
        try await OpsHarness.run { harness in try await Self.lagAndStaleCheckpoint(harness) }
    }

    static func lagAndStaleCheckpoint(_ harness: OpsHarness) async throws {
        let producer = try KafkaProducer(configuration: harness.kafka.producer, logger: harness.logger)
        let events = (1...4).map { DlqCommandTests.event(issue: "issue_status_\($0 % 2)", reply: "reply_\($0)") }
        try await EventPublisher(producer: producer, stage: "guance-poller").publish(events)
        let group = "guance-jira-sync.jira-writer"
        let admin = try KafkaAdmin(configuration: harness.kafka.client, logger: harness.logger)
        try await admin.resetOffsets(group: group, topic: SyncTopic.guanceEvents.name, to: .offset(1))
        let expected = try await admin.lag(group: group, topic: SyncTopic.guanceEvents.name)
        await admin.shutdown()
        #expect(expected.reduce(0) { $0 + $1.lag } > 0, "the test needs lag to report")

        let checkpoints = try await CheckpointStore(kafka: harness.kafka, producer: producer, logger: harness.logger)
        try await checkpoints.save([
            PollerCheckpoint(poller: "guance-poller", scope: "default", cursor: Date(timeIntervalSinceNow: -4000), writtenAt: Date(timeIntervalSinceNow: -3600)),
            PollerCheckpoint(poller: "jira-poller", scope: "OPS", cursor: Date(), writtenAt: Date()),
        ])
        await checkpoints.close()
        await producer.shutdown()

        let run = try await harness.syncctl(["status", "--json", "--stale-after", "600"])
        #expect(run.status == 2)
        let report = try #require(try run.json() as? [String: Any])
        let groups = try #require(report["groups"] as? [[String: Any]])
        let writer = try #require(groups.first { $0["group"] as? String == group })
        #expect(writer["topic"] as? String == SyncTopic.guanceEvents.name)
        let partitions = try #require(writer["partitions"] as? [[String: Any]])
        for lag in expected {
            let reported = try #require(partitions.first { ($0["partition"] as? Int).map(Int32.init) == lag.topicPartition.partition })
            #expect((reported["lag"] as? Int).map(Int64.init) == lag.lag)
            #expect((reported["end"] as? Int).map(Int64.init) == lag.highWatermark)
            #expect((reported["committed"] as? Int).map(Int64.init) == lag.committedOffset)
        }
        #expect((writer["lag"] as? Int).map(Int64.init) == expected.reduce(0) { $0 + $1.lag })
        let reportedCheckpoints = try #require(report["checkpoints"] as? [[String: Any]])
        #expect(reportedCheckpoints.first { $0["poller"] as? String == "guance-poller" }?["stale"] as? Bool == true)
        #expect(reportedCheckpoints.first { $0["poller"] as? String == "jira-poller" }?["stale"] as? Bool == false)
        let attention = try #require(report["attention"] as? [String])
        #expect(attention.count == 1 && attention[0].contains("guance-poller/default"))

        let lenient = try await harness.syncctl(["status", "--json", "--stale-after", "86400"])
        #expect(lenient.status == 0, "healthy when nothing is stale and no dead letter is open: \(lenient.stdout)")
        let table = try await harness.syncctl(["status"])
        #expect(table.status == 2, "the default threshold is 600 s")
        #expect(table.stdout.contains(group) && table.stdout.contains("guance-poller/default"))
        #expect(!table.stdout.contains("\u{1B}["), "no colours when stdout is not a terminal")
    }
}
