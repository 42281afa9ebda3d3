import Foundation
import Kafka
import StageRuntime
import SyncCore
import SyncOps
import Testing

/// `syncctl dlq list | show | redrive` as an operator runs them, against the dev broker.
@Suite("syncctl dlq", .serialized)
struct DlqCommandTests {
    @Test("lists and shows dead letters, redrives an original to its topic exactly once, and a second redrive is a no-op")
    func redriveEndToEnd() async throws {
        try await OpsHarness.run { harness in try await Self.redriveEndToEnd(harness) }
    }

    static func redriveEndToEnd(_ harness: OpsHarness) async throws {
        let producer = try KafkaProducer(configuration: harness.kafka.producer, logger: harness.logger)

        // Two events on guance.events.v1, read back as a writer would see them, then dead-lettered.
        let events = [
            Self.event(issue: "issue_dlq_one", reply: "reply_1"), Self.event(issue: "issue_dlq_two", reply: "reply_2"),
        ]
        try await EventPublisher(producer: producer, stage: "guance-poller").publish(events)
        let originals = try await harness.records(of: SyncTopic.guanceEvents.name)
        #expect(originals.count == 2)
        let deadLetters = DeadLetterPublisher(producer: producer, stage: "jira-writer", logger: harness.logger)
        for message in originals {
            try await deadLetters.publish(
                message, reason: DeadLetter.Reason(code: "jira-rejected-field", message: "priority 9 does not exist"),
                attempts: 3)
        }
        let ids = originals.map { DeadLetter.Source(topic: $0.topic, partition: $0.partition, offset: $0.offset) }
            .map { "dl-\($0.topic)-\($0.partition)-\($0.offset)" }

        let list = try await harness.syncctl(["dlq", "list", "--json"])
        #expect(list.status == 0)
        let listed = try #require(try list.json() as? [[String: Any]])
        #expect(Set(listed.compactMap { $0["id"] as? String }) == Set(ids))
        #expect(listed.allSatisfy { ($0["reason"] as? [String: Any])?["code"] as? String == "jira-rejected-field" })

        let table = try await harness.syncctl(["dlq", "list"])
        #expect(table.status == 0)
        #expect(ids.allSatisfy(table.stdout.contains) && table.stdout.contains("jira-rejected-field: priority 9 does not exist"))

        let target = try #require(originals.first)
        let id = ids[0]
        let show = try await harness.syncctl(["dlq", "show", id, "--json"])
        #expect(show.status == 0)
        let shown = try #require(try show.json() as? [String: Any])
        let shownEvent = try #require(shown["event"] as? [String: Any])
        let original = try SyncEventCodec.decode(Data(target.value ?? []))
        #expect(shownEvent["id"] as? String == original.id.rawValue)
        #expect(shown["redriven"] == nil)

        let human = try await harness.syncctl(["dlq", "show", id])
        #expect(human.stdout.contains("state:      open") && human.stdout.contains(original.id.rawValue))

        let missing = try await harness.syncctl(["dlq", "show", "dl-no-such", "--json"])
        #expect(missing.status == 3)

        let first = try await harness.syncctl(["dlq", "redrive", "--id", id, "--json"])
        #expect(first.status == 0)
        #expect((try first.json() as? [[String: Any]])?.first?["outcome"] as? String == "redriven")
        let second = try await harness.syncctl(["dlq", "redrive", "--id", id, "--json"])
        #expect(second.status == 0)
        #expect((try second.json() as? [[String: Any]])?.first?["outcome"] as? String == "already-redriven")

        let afterRedrive = try await harness.records(of: SyncTopic.guanceEvents.name)
        let redriven = afterRedrive.filter { $0.header(named: DeadLetterRedrive.redrivenFromHeader)?.stringValue == id }
        #expect(redriven.count == 1, "the original is back exactly once")
        #expect(redriven.first?.key == target.key)
        #expect(redriven.first?.value == target.value)
        #expect(redriven.first?.header(named: "event-id")?.stringValue == target.header(named: "event-id")?.stringValue)
        #expect(afterRedrive.count == 3)

        let remaining = try await harness.syncctl(["dlq", "list", "--json"])
        #expect((try remaining.json() as? [[String: Any]])?.compactMap { $0["id"] as? String } == [ids[1]])

        let dryRun = try await harness.syncctl(["dlq", "redrive", "--all", "--dry-run", "--json"])
        #expect((try dryRun.json() as? [[String: Any]])?.map { $0["outcome"] as? String } == ["would-redrive"])
        #expect(try await harness.records(of: SyncTopic.guanceEvents.name).count == 3, "a dry run produces nothing")

        let status = try await harness.syncctl(["status", "--json"])
        #expect(status.status == 2, "one dead letter is still open")
        let deadLetterCounts = (try status.json() as? [String: Any])?["deadLetters"] as? [String: Any]
        #expect(deadLetterCounts?["open"] as? Int == 1)
        #expect(deadLetterCounts?["redriven"] as? Int == 1)
        await producer.shutdown()
    }

    static func event(issue: String, reply: String) -> SyncEvent {
        let change = GuanceReplyChange(
            issueUUID: issue, replyUUID: reply, content: "disk full on db-1", author: GuanceActor(id: "acnt_1", name: "Ann"),
            createdAt: Date(timeIntervalSince1970: 1_790_000_000), updatedAt: nil)
        return SyncEvent(body: .guanceReplyCreated(change), occurredAt: Date(timeIntervalSince1970: 1_790_000_000), observedAt: Date())
    }
}
