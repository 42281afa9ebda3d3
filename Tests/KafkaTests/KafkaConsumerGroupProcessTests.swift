import Kafka
import KafkaMock
import PipelineTesting
import Testing

/// Consumer-group behaviour with members in separate OS processes (`kafka-probe consume`),
/// connected over TCP to a mock cluster hosted by the test process.
@Suite("Consumer groups across processes", .serialized)
struct KafkaConsumerGroupProcessTests {
    @Test("two members split the partitions; when one exits the other takes over and nothing is lost")
    func twoMembersSplitAndTakeOver() async throws {
        let cluster = try KafkaMockCluster(brokers: 2, logger: KafkaTestSupport.logger)
        defer { cluster.shutdown() }
        let topic = KafkaTestSupport.uniqueName("group-split")
        let group = KafkaTestSupport.uniqueName("g")
        try cluster.createTopic(topic, partitions: 4, replicationFactor: 2)
        let arguments = ["consume", "--bootstrap-servers", cluster.bootstrapServers, "--topic", topic, "--group", group]
        let first = try ChildProcess(arguments)
        let second = try ChildProcess(arguments)

        let split = await KafkaTestSupport.eventually(within: .seconds(40)) {
            guard let a = first.assignedPartitions, let b = second.assignedPartitions else { return false }
            return !a.isEmpty && !b.isEmpty && a.isDisjoint(with: b) && a.union(b) == [0, 1, 2, 3]
        }
        try #require(split, "members never split the partitions: \(first.lines) / \(second.lines)")
        let firstPartitions = try #require(first.assignedPartitions)
        let secondPartitions = try #require(second.assignedPartitions)

        let producer = try KafkaProducer(configuration: KafkaTestSupport.producerConfiguration(cluster), logger: KafkaTestSupport.logger)
        for index in 0..<40 {
            _ = try await producer.send(KafkaProducerMessage(topic: topic, key: nil, value: "before-\(index)", partition: Int32(index % 4)))
        }
        let allSeen = await KafkaTestSupport.eventually {
            Set((first.messages + second.messages).map(\.value)).count == 40
        }
        try #require(allSeen, "not every message was consumed")
        #expect(Set(first.messages.map(\.partition)).isSubset(of: firstPartitions))
        #expect(Set(second.messages.map(\.partition)).isSubset(of: secondPartitions))
        #expect(!first.messages.isEmpty && !second.messages.isEmpty)

        first.terminate()
        let tookOver = await KafkaTestSupport.eventually(within: .seconds(40)) {
            !first.isRunning && second.assignedPartitions == [0, 1, 2, 3]
        }
        try #require(tookOver, "the remaining member never took over: \(second.lines)")
        for index in 0..<40 {
            _ = try await producer.send(KafkaProducerMessage(topic: topic, key: nil, value: "after-\(index)", partition: Int32(index % 4)))
        }
        await producer.shutdown()
        let expected = Set((0..<40).map { "before-\($0)" } + (0..<40).map { "after-\($0)" })
        let nothingLost = await KafkaTestSupport.eventually {
            Set((first.messages + second.messages).map(\.value)) == expected
        }
        #expect(nothingLost, "missing: \(expected.subtracting((first.messages + second.messages).map(\.value)).sorted())")
        second.terminate()
    }

    @Test("a member killed after handling but before committing is redelivered the message; after a commit it is not")
    func atLeastOnceAcrossSIGKILL() async throws {
        let cluster = try KafkaMockCluster(brokers: 2, logger: KafkaTestSupport.logger)
        defer { cluster.shutdown() }
        let topic = KafkaTestSupport.uniqueName("at-least-once")
        let group = KafkaTestSupport.uniqueName("g")
        try cluster.createTopic(topic, partitions: 1, replicationFactor: 2)
        let producer = try KafkaProducer(configuration: KafkaTestSupport.producerConfiguration(cluster), logger: KafkaTestSupport.logger)
        _ = try await producer.send(KafkaProducerMessage(topic: topic, key: "k", value: "first"))
        let base = ["consume", "--bootstrap-servers", cluster.bootstrapServers, "--topic", topic, "--group", group]

        // 1. Handled and offset *stored*, but auto-commit is off and nothing is committed: SIGKILL.
        let storingOnly = try ChildProcess(base + ["--after", "store"])
        let handled = await KafkaTestSupport.eventually { storingOnly.messages.contains { $0.value == "first" } }
        try #require(handled, "first member never handled the message: \(storingOnly.lines)")
        storingOnly.kill()

        // 2. The next member gets it again, and commits it.
        let committing = try ChildProcess(base + ["--after", "commit"])
        let redelivered = await KafkaTestSupport.eventually(within: .seconds(40)) {
            committing.lines.contains("COMMITTED 0 1")
        }
        try #require(redelivered, "the uncommitted message was not redelivered: \(committing.lines)")
        #expect(committing.messages.first?.value == "first")
        committing.kill()

        // 3. After the commit, a new member does not see it again: it starts with the next message.
        let after = try ChildProcess(base + ["--after", "commit"])
        _ = try await producer.send(KafkaProducerMessage(topic: topic, key: "k", value: "second"))
        let sawSecond = await KafkaTestSupport.eventually(within: .seconds(40)) { after.messages.contains { $0.value == "second" } }
        try #require(sawSecond, "the member after the commit never read the next message: \(after.lines)")
        #expect(after.messages.map(\.value) == ["second"])
        after.terminate()
        await producer.shutdown()
    }
}
