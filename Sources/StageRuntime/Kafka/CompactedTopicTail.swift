import Foundation
import Kafka
import Logging
import Synchronization

/// Follows every partition of a (compacted) topic from its beginning and keeps the latest value
/// per key in memory: the link table and the poller checkpoints are read this way.
///
/// It reads without a consumer group (manual assignment), so any number of processes can follow
/// the same table, and nothing is committed. A reader that cannot continue (its consumer failed)
/// reports to ``StageKafka/health``, which ends the process: it never serves stale data quietly. ``catchUp(timeout:)`` gives read-your-writes across
/// processes: it waits until everything written before the call has been applied.
package final class CompactedTopicTail<Value: Sendable>: Sendable {
    /// Turns a record into a value; `nil` value bytes are tombstones. Throwing skips the record
    /// (logged): a table must not stop on one bad record.
    package typealias Decode = @Sendable (_ key: String, _ value: [UInt8]) throws -> Value

    private struct State {
        var values: [String: Value] = [:]
        var positions: [Int32: Int64] = [:]
        var failure: (any Error)?
    }

    /// The topic followed.
    package let topic: String
    private let state = Mutex(State())
    private let consumer: KafkaConsumer
    private let admin: KafkaAdmin
    private let partitions: [Int32]
    private let logger: Logger
    private let follower: Mutex<Task<Void, Never>?> = Mutex(nil)
    private let onApply: @Sendable (String, Value?) -> Void
    private let health: StageHealth
    private let keepsValues: Bool

    /// Starts following `topic`.
    /// - Parameters:
    ///   - onApply: called for every applied record (key, value or `nil` for a tombstone), in
    ///     partition order, before ``catchUp(timeout:)`` can return for it.
    ///   - keepsValues: whether ``values`` keeps the latest value per key; a reader that keeps
    ///     its own (bounded) state from `onApply` passes `false`.
    /// - Throws: when the topic does not exist or Kafka refuses the reader.
    package init(
        topic: String, kafka: StageKafka, logger: Logger, decode: @escaping Decode,
        keepsValues: Bool = true,
        onApply: @escaping @Sendable (String, Value?) -> Void = { _, _ in }
    ) async throws {
        self.topic = topic
        self.keepsValues = keepsValues
        self.logger = logger
        self.onApply = onApply
        health = kafka.health
        admin = try KafkaAdmin(configuration: kafka.client, logger: logger)
        let metadata = try await admin.listTopics().first { $0.name == topic }
        guard let metadata, !metadata.partitions.isEmpty else {
            await admin.shutdown()
            throw StageError.missingTopic(topic)
        }
        partitions = metadata.partitions.map(\.id).sorted()
        var assignment: [KafkaTopicPartition: KafkaStartOffset] = [:]
        for partition in partitions {
            assignment[KafkaTopicPartition(topic: topic, partition: partition)] = .beginning
        }
        consumer = try KafkaConsumer(
            configuration: kafka.reader(purpose: topic), assignment: assignment, logger: logger)
        let task = Task { [weak self] in
            guard let messages = self?.consumer.messages else { return }
            await Self.follow(messages, tail: self, decode: decode)
        }
        follower.withLock { $0 = task }
    }

    private static func follow(_ messages: KafkaConsumerMessages, tail: CompactedTopicTail?, decode: Decode) async {
        do {
            for try await message in messages {
                guard let tail else { return }
                tail.apply(message, decode: decode)
            }
        } catch {
            guard let tail else { return }
            tail.state.withLock { $0.failure = error }
            tail.logger.error("stopped following \(tail.topic): \(error)")
            // A table that no longer follows its topic answers from stale data: end the process.
            tail.health.fail("reader of \(tail.topic)", reason: "\(error)")
        }
    }

    private func apply(_ message: KafkaConsumerMessage, decode: Decode) {
        guard let key = message.keyString else {
            logger.warning("record without key skipped", metadata: ["topic": "\(topic)", "offset": "\(message.offset)"])
            advance(message)
            return
        }
        var value: Value?
        if let bytes = message.value {
            do {
                value = try decode(key, bytes)
            } catch {
                logger.warning("undecodable record skipped", metadata: [
                    "topic": "\(topic)", "partition": "\(message.partition)", "offset": "\(message.offset)",
                    "error": "\(error)",
                ])
                advance(message)
                return
            }
        }
        if keepsValues { state.withLock { $0.values[key] = value } }
        // The callback first, the position after: ``catchUp(timeout:)`` returns once the position
        // passed a record, and a reader of what the callback built (the link table) must then see
        // it. (With the position first, a writer that had just claimed a create could read the
        // table before its own intent was in it, and take itself for another writer.)
        onApply(key, value)
        state.withLock { $0.positions[message.partition] = message.offset + 1 }
    }

    private func advance(_ message: KafkaConsumerMessage) {
        state.withLock { $0.positions[message.partition] = message.offset + 1 }
    }

    /// The latest value of `key`, as far as read.
    package func value(forKey key: String) -> Value? {
        state.withLock { $0.values[key] }
    }

    /// Every live key and value, as far as read.
    package var values: [String: Value] {
        state.withLock { $0.values }
    }

    /// Waits until every record written before this call is applied.
    /// - Throws: ``StageError/catchUpTimedOut(_:)`` after `timeout`, or the reader's failure.
    package func catchUp(timeout: Duration = .seconds(30)) async throws {
        var targets: [Int32: Int64] = [:]
        for partition in partitions {
            let marks = try await admin.watermarks(of: KafkaTopicPartition(topic: topic, partition: partition))
            targets[partition] = marks.high
        }
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var quietSince = clock.now
        var lastPositions: [Int32: Int64] = [:]
        while true {
            let (positions, failure) = state.withLock { ($0.positions, $0.failure) }
            if let failure { throw failure }
            let behind = targets.filter { partition, high in high > 0 && (positions[partition] ?? 0) < high }
            if behind.isEmpty { return }
            if positions != lastPositions {
                lastPositions = positions
                quietSince = clock.now
            } else if clock.now - quietSince > .seconds(2), try await onlyCompactedAwayRemain(behind, positions) {
                // Nothing more arrives and the rest of the log is gone (compacted or deleted).
                return
            }
            guard clock.now < deadline else { throw StageError.catchUpTimedOut(topic) }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Whether the partitions still behind have no retained records left to read (their low
    /// watermark is at the high watermark), e.g. after retention deleted everything.
    private func onlyCompactedAwayRemain(_ behind: [Int32: Int64], _ positions: [Int32: Int64]) async throws -> Bool {
        for (partition, high) in behind {
            let marks = try await admin.watermarks(of: KafkaTopicPartition(topic: topic, partition: partition))
            if marks.low < high { return false }
        }
        return true
    }

    /// Stops following and releases the Kafka clients.
    package func close() async {
        let task = follower.withLock { task -> Task<Void, Never>? in
            defer { task = nil }
            return task
        }
        await consumer.close()
        task?.cancel()
        await task?.value
        await admin.shutdown()
    }
}
