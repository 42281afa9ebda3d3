internal import Crdkafka

/// The messages of a ``KafkaConsumer`` as an `AsyncSequence`.
///
/// Pull-based: each time the local batch is empty, one `rd_kafka_consumer_poll` round (up to
/// ``KafkaConsumerConfiguration/pollBatchSize`` messages, waiting at most 100 ms for the
/// first) runs on the consumer's poll queue. Iteration ends when the consumer is closed or the
/// task is cancelled; a fatal client error, or an authorization failure (the consumer cannot
/// continue), is thrown.
public struct KafkaConsumerMessages: AsyncSequence, Sendable {
    /// Messages.
    public typealias Element = KafkaConsumerMessage

    let consumer: KafkaConsumer

    /// Creates the iterator.
    public func makeAsyncIterator() -> Iterator {
        Iterator(consumer: consumer)
    }

    /// Iterates the messages.
    ///
    /// Polled messages wait in the consumer, not in the iterator, so leaving a `for await`
    /// loop early and iterating again later loses nothing.
    public struct Iterator: AsyncIteratorProtocol {
        let consumer: KafkaConsumer

        /// The next message, or `nil` when the consumer is closed or the task cancelled.
        public mutating func next() async throws -> KafkaConsumerMessage? {
            while true {
                // Cancellation first: a cancelled loop must not take (and then fail to handle)
                // another message; it stays buffered for the next iteration.
                if Task.isCancelled || consumer.isClosed.load(ordering: .acquiring) { return nil }
                if let message = consumer.nextPolledMessage() { return message }
                if let failure = consumer.takeDeferredFailure() { throw failure }
                consumer.keepPolledMessages(try await consumer.pollBatch())
            }
        }
    }
}

extension KafkaConsumer {
    /// Polled messages not yet handed out, each with its partition's epoch at poll time.
    struct PolledMessages {
        var messages: [(message: KafkaConsumerMessage, epoch: UInt64)] = []
        var next = 0
    }

    /// The next polled message whose partition is still owned at the same epoch; messages of
    /// revoked or repositioned partitions are dropped here.
    func nextPolledMessage() -> KafkaConsumerMessage? {
        while let entry = polled.withLock({ state -> (message: KafkaConsumerMessage, epoch: UInt64)? in
            guard state.next < state.messages.count else { return nil }
            defer { state.next += 1 }
            return state.messages[state.next]
        }) {
            if assignment.isCurrent(entry.message.topicPartition, epoch: entry.epoch) {
                var message = entry.message
                message.epoch = entry.epoch
                return message
            }
        }
        return nil
    }

    /// Keeps a freshly polled batch after whatever is still unread (two overlapping iterations,
    /// e.g. a cancelled loop whose poll was in flight and its successor, must not overwrite each
    /// other's messages: librdkafka has already moved past them).
    func keepPolledMessages(_ batch: [(message: KafkaConsumerMessage, epoch: UInt64)]) {
        polled.withLock { state in
            state = PolledMessages(messages: Array(state.messages[state.next...]) + batch)
        }
    }

    /// Serves the group while the application takes no messages (all its handlers are busy):
    /// every `interval`, on the poll queue — a dispatch thread, so a busy concurrency pool cannot
    /// delay it — pauses every assigned partition, so nothing more is fetched, then runs one poll
    /// round: heartbeats, rebalance callbacks, and the `max.poll.interval.ms` clock, which only a
    /// poll resets. What a round returns (at most one batch) is kept for the message sequence; a
    /// fatal or authorization error is thrown by the sequence's next call.
    /// ``MembershipHold/end()`` stops it and resumes the partitions it paused.
    public func holdMembership(every interval: Duration) -> MembershipHold {
        MembershipHold(consumer: self, interval: interval)
    }

    /// One poll round on the poll queue: up to a batch of messages, each tagged with its
    /// partition's epoch at poll time.
    func pollBatch() async throws -> [(message: KafkaConsumerMessage, epoch: UInt64)] {
        let consumer = self
        return try await pollQueue.run { consumer.pollRound() }.get()
    }

    /// One poll round; runs on the poll queue (it blocks up to 100 ms for the first message).
    ///
    /// Each message is tagged with its partition's epoch right after the poll call that returned
    /// it: a later call of the same round may serve a revocation and an assignment (librdkafka
    /// runs the rebalance callback inside `rd_kafka_consumer_poll`), and a message fetched before
    /// them belongs to the old epoch — tagged with the new one, it would pass for a message of
    /// the new assignment and could store an offset the new assignment has not handled up to.
    func pollRound() -> Result<[(message: KafkaConsumerMessage, epoch: UInt64)], KafkaError> {
        var batch: [(message: KafkaConsumerMessage, epoch: UInt64)] = []
        var timeout: Int32 = 100
        while batch.count < configuration.pollBatchSize, !isClosed.load(ordering: .acquiring) {
            guard let raw = rd_kafka_consumer_poll(client.handle, timeout) else { break }
            defer { rd_kafka_message_destroy(raw) }
            timeout = 0
            let code = raw.pointee.err
            if code == RD_KAFKA_RESP_ERR_NO_ERROR {
                let message = RDKafkaMessage.copy(raw)
                // Not owned (revoked since it was fetched): dropped.
                if let epoch = assignment.epoch(of: message.topicPartition) { batch.append((message, epoch)) }
            } else if code == RD_KAFKA_RESP_ERR__FATAL {
                return .failure(.rdKafka(.consumer, code, context: "consumer failed"))
            } else if KafkaError.deniedCodes.contains(code.rawValue) {
                // Retrying cannot help until an operator changes the cluster's ACLs.
                return .failure(.rdKafka(.consumer, code, context: "consumer cannot continue"))
            } else if code != RD_KAFKA_RESP_ERR__PARTITION_EOF {
                logger.info("Kafka consumer: \(String(cString: rd_kafka_err2str(code)))")
            }
        }
        return .success(batch)
    }
}
