internal import Crdkafka

/// The messages of a ``KafkaConsumer`` as an `AsyncSequence`.
///
/// Pull-based: each time the local batch is empty, one `rd_kafka_consumer_poll` round (up to
/// ``KafkaConsumerConfiguration/pollBatchSize`` messages, waiting at most 100 ms for the
/// first) runs on the consumer's poll queue. Iteration ends when the consumer is closed or the
/// task is cancelled; a fatal client error is thrown.
public struct KafkaConsumerMessages: AsyncSequence, Sendable {
    /// Messages.
    public typealias Element = KafkaConsumerMessage

    let consumer: KafkaConsumer

    /// Creates the iterator.
    public func makeAsyncIterator() -> Iterator {
        Iterator(consumer: consumer)
    }

    /// Iterates the messages.
    public struct Iterator: AsyncIteratorProtocol {
        let consumer: KafkaConsumer
        private var buffer: [(message: KafkaConsumerMessage, epoch: UInt64)] = []
        private var index = 0

        init(consumer: KafkaConsumer) {
            self.consumer = consumer
        }

        /// The next message, or `nil` when the consumer is closed or the task cancelled.
        public mutating func next() async throws -> KafkaConsumerMessage? {
            while true {
                while index < buffer.count {
                    let entry = buffer[index]
                    index += 1
                    if consumer.assignment.isCurrent(entry.message.topicPartition, epoch: entry.epoch) {
                        return entry.message
                    }
                }
                if Task.isCancelled || consumer.isClosed.load(ordering: .acquiring) { return nil }
                buffer = try await consumer.pollBatch()
                index = 0
            }
        }
    }
}

extension KafkaConsumer {
    /// One poll round on the poll queue: up to a batch of messages, each tagged with its
    /// partition's epoch at poll time.
    func pollBatch() async throws -> [(message: KafkaConsumerMessage, epoch: UInt64)] {
        let client = client
        let assignment = assignment
        let logger = logger
        let limit = configuration.pollBatchSize
        let consumer = self
        let outcome: Result<[(message: KafkaConsumerMessage, epoch: UInt64)], KafkaError> = await pollQueue.run {
            var batch: [KafkaConsumerMessage] = []
            var timeout: Int32 = 100
            while batch.count < limit, !consumer.isClosed.load(ordering: .acquiring) {
                guard let raw = rd_kafka_consumer_poll(client.handle, timeout) else { break }
                defer { rd_kafka_message_destroy(raw) }
                timeout = 0
                let code = raw.pointee.err
                if code == RD_KAFKA_RESP_ERR_NO_ERROR {
                    batch.append(RDKafkaMessage.copy(raw))
                } else if code == RD_KAFKA_RESP_ERR__FATAL {
                    return .failure(.rdKafka(.consumer, code, context: "consumer failed"))
                } else if code != RD_KAFKA_RESP_ERR__PARTITION_EOF {
                    logger.info("Kafka consumer: \(String(cString: rd_kafka_err2str(code)))")
                }
            }
            let epochs = assignment.epochs
            return .success(batch.compactMap { message in
                epochs[message.topicPartition].map { (message, $0) }
            })
        }
        return try outcome.get()
    }
}
