import Foundation
import Kafka
import Logging
import Synchronization

/// Produces and consumes the benchmark messages with our library.
struct BenchRunner {
    let bootstrapServers: String
    let messageCount: Int
    let messageSize: Int
    let logger: Logger

    /// The value of message `index`: `messageSize` bytes, starting with the index.
    func payload(_ index: Int) -> [UInt8] {
        var bytes = Array(String(index).utf8)
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "x"), count: max(0, messageSize - bytes.count)))
        return bytes
    }

    func runOurs(topic: String) async throws -> BenchPair {
        BenchPair(produce: try await produce(topic: topic), consume: try await consume(topic: topic))
    }

    /// kcat's workload exactly: no keys, no per-message delivery callbacks (fire-and-forget),
    /// timed from the first message to the end of the flush.
    func produceLikeKcat(topic: String) async throws -> BenchResult {
        let producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(
                client: KafkaConfiguration(bootstrapServers: [bootstrapServers], clientID: "bench-producer-plain"),
                maxQueuedMessages: 1_000_000
            ),
            logger: logger
        )
        let payloads = (0..<messageCount).map(payload)
        _ = try await producer.send(KafkaProducerMessage(topic: topic, key: nil, value: payload(0)))
        let clock = ContinuousClock()
        let start = clock.now
        for value in payloads {
            try await producer.enqueue(KafkaProducerMessage(topic: topic, key: nil, value: value))
        }
        try await producer.flush(timeout: .seconds(120))
        let elapsed = clock.now - start
        await producer.shutdown()
        return BenchResult(messageCount: messageCount, elapsed: elapsed)
    }

    private func produce(topic: String) async throws -> BenchResult {
        let producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(
                client: KafkaConfiguration(bootstrapServers: [bootstrapServers], clientID: "bench-producer"),
                maxQueuedMessages: 1_000_000
            ),
            logger: logger
        )
        let payloads = (0..<messageCount).map(payload)
        // One acknowledged message first: connections, metadata and the idempotent producer ID
        // are in place before the clock starts (kcat's time includes its start-up instead).
        _ = try await producer.send(KafkaProducerMessage(topic: topic, key: nil, value: payload(0)))
        let clock = ContinuousClock()
        let latencies = Mutex([Duration]())
        let failures = Mutex(0)
        let start = clock.now
        for (index, value) in payloads.enumerated() {
            let sentAt = clock.now
            try await producer.enqueue(
                KafkaProducerMessage(topic: topic, key: Array("key-\(index % 64)".utf8), value: value)
            ) { outcome in
                let latency = clock.now - sentAt
                switch outcome {
                case .success: latencies.withLock { $0.append(latency) }
                case .failure: failures.withLock { $0 += 1 }
                }
            }
        }
        report("ours produce: all \(messageCount) enqueued after \(clock.now - start)")
        try await producer.flush(timeout: .seconds(120))
        let elapsed = clock.now - start
        await producer.shutdown()
        let failed = failures.withLock { $0 }
        if failed > 0 { report("ours produce: \(failed) failed deliveries") }
        return BenchResult(messageCount: messageCount, elapsed: elapsed, latencies: latencies.withLock { $0 })
    }

    /// The messages `topic` retains: the sum of `high − low` watermarks (the mock cluster keeps
    /// only about 5 MB per partition and drops older message sets).
    func storedMessageCount(topic: String) async throws -> Int {
        let admin = try KafkaAdmin(configuration: KafkaConfiguration(bootstrapServers: [bootstrapServers]), logger: logger)
        var total: Int64 = 0
        let partitions = try await admin.listTopics().first(where: { $0.name == topic })?.partitions ?? []
        for partition in partitions {
            let marks = try await admin.watermarks(of: KafkaTopicPartition(topic: topic, partition: partition.id))
            total += marks.high - marks.low
        }
        await admin.shutdown()
        return Int(total)
    }

    /// Measured from the first to the last message (group join excluded, as for kcat).
    private func consume(topic: String) async throws -> BenchResult {
        let consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(
                client: KafkaConfiguration(bootstrapServers: [bootstrapServers], clientID: "bench-consumer"),
                groupID: "bench-\(UInt32.random(in: 0...UInt32.max))",
                // librdkafka's default prefetch limits (kcat uses them): like for like.
                queuedMaxMessagesKilobytes: 65_536,
                queuedMinMessages: 100_000
            ),
            topics: [topic],
            logger: logger
        )
        let clock = ContinuousClock()
        var first: ContinuousClock.Instant?
        var count = 0
        let expected = try await storedMessageCount(topic: topic)
        report("ours: \(expected) messages stored in \(topic)")
        for try await message in consumer.messages {
            if first == nil { first = clock.now }
            try consumer.storeOffset(message)
            count += 1
            if count == expected { break }
        }
        let elapsed = clock.now - (first ?? clock.now)
        await consumer.close()
        return BenchResult(messageCount: count, elapsed: elapsed)
    }
}
