internal import Crdkafka
import Dispatch
import Logging
import Synchronization

/// A consumer-group member with at-least-once delivery.
///
/// Read ``messages`` (a pull-based `AsyncSequence`: memory is bounded by librdkafka's prefetch
/// limits plus one poll batch), handle each message, then call ``storeOffset(_:)``. Stored
/// offsets are committed by the background auto-commit (when
/// ``KafkaConsumerConfiguration/autoCommitInterval`` is set), by ``commit()``, on revocation and
/// on ``close()`` — never an offset whose message was not handled.
///
/// Rebalances: see ``ConsumerAssignment`` — offsets of revoked partitions are committed while
/// still owned; work still in flight for them is abandoned (``storeOffset(_:)`` returns `false`)
/// and redelivered to the new owner. Buffered messages of revoked partitions are dropped.
///
/// Blocking librdkafka calls run on two private serial dispatch queues: one for polling,
/// seeking and closing (so no poll overlaps a seek), one for commits and the final destroy (so a
/// commit does not wait behind a poll, and never overlaps the destroy).
public final class KafkaConsumer: Sendable {
    let client: RDKafkaClient
    let assignment: ConsumerAssignment
    let pollQueue: BlockingQueue
    private let controlQueue: BlockingQueue
    let configuration: KafkaConsumerConfiguration
    let logger: Logger
    let isClosed = Atomic<Bool>(false)
    let polled = Mutex(PolledMessages())
    /// A fatal or authorization error met while nobody iterated (``holdMembership(every:)``),
    /// thrown by the message sequence's next call.
    private let deferredFailure = Mutex<KafkaError?>(nil)

    /// Creates a consumer in group ``KafkaConsumerConfiguration/groupID`` subscribed to `topics`.
    /// - Throws: ``KafkaError`` when librdkafka rejects the settings or the subscription.
    public convenience init(configuration: KafkaConsumerConfiguration, topics: [String], logger: Logger) throws(KafkaError) {
        try self.init(configuration: configuration, logger: logger, source: .subscription(topics))
    }

    /// Creates a reader of fixed partitions (no group membership, no rebalances), each starting at
    /// the given position: for tailing compacted tables and inspecting topics. Offsets can still be
    /// stored and committed under ``KafkaConsumerConfiguration/groupID``, but readers usually don't.
    /// - Throws: ``KafkaError`` when librdkafka rejects the settings or the assignment.
    public convenience init(
        configuration: KafkaConsumerConfiguration, assignment: [KafkaTopicPartition: KafkaStartOffset], logger: Logger
    ) throws(KafkaError) {
        try self.init(configuration: configuration, logger: logger, source: .assignment(assignment))
    }

    private enum Source {
        case subscription([String])
        case assignment([KafkaTopicPartition: KafkaStartOffset])
    }

    private init(configuration: KafkaConsumerConfiguration, logger: Logger, source: Source) throws(KafkaError) {
        let properties = configuration.librdkafkaProperties()
        let assignment = ConsumerAssignment(assignmentStrategy: configuration.assignmentStrategy)
        let context = RDKafkaClientContext(
            logger: logger,
            properties: properties,
            statisticsHandler: configuration.client.statisticsHandler,
            fatalErrorHandler: configuration.client.fatalErrorHandler,
            assignment: assignment
        )
        client = try RDKafkaClient(type: RD_KAFKA_CONSUMER, properties: properties, context: context)
        self.assignment = assignment
        self.configuration = configuration
        self.logger = logger
        pollQueue = BlockingQueue(label: "kafka.consumer.poll")
        controlQueue = BlockingQueue(label: "kafka.consumer.control")
        rd_kafka_poll_set_consumer(client.handle)
        switch source {
        case .subscription(let topics):
            let list = rd_kafka_topic_partition_list_new(Int32(max(topics.count, 1)))!
            defer { rd_kafka_topic_partition_list_destroy(list) }
            for topic in topics {
                rd_kafka_topic_partition_list_add(list, topic, RD_KAFKA_PARTITION_UA)
            }
            let error = rd_kafka_subscribe(client.handle, list)
            guard error == RD_KAFKA_RESP_ERR_NO_ERROR else {
                client.destroy()
                throw KafkaError.rdKafka(.consumer, error, context: "subscribe to \(topics)")
            }
        case .assignment(let partitions):
            let list = RDKafkaTopicPartitionList.make(partitions.map { ($0.key, $0.value.librdkafkaOffset) })
            defer { rd_kafka_topic_partition_list_destroy(list) }
            // Epochs first: messages polled right after the assign must count as current.
            assignment.assignManually(Set(partitions.keys))
            let error = rd_kafka_assign(client.handle, list)
            guard error == RD_KAFKA_RESP_ERR_NO_ERROR else {
                client.destroy()
                throw KafkaError.rdKafka(.consumer, error, context: "assign \(partitions.count) partitions")
            }
        }
        logger.debug(
            "Kafka consumer created",
            metadata: [KafkaLogMetadataKey.properties: "\(KafkaSecretRedaction.describe(properties))"]
        )
    }

    /// The messages of the subscribed topics, in partition order. Iterate it from one task.
    /// The sequence ends after ``close()``.
    public var messages: KafkaConsumerMessages { KafkaConsumerMessages(consumer: self) }

    /// Calls `handler` when partitions are about to be revoked in a rebalance, while they are still
    /// owned: offsets stored until it returns are committed before the next owner starts. A writer
    /// uses it to let the records it is handling for those partitions finish (so two members never
    /// work on one issue at once). The handler runs as a task on Swift's concurrency pool while the
    /// consumer's poll thread (a dispatch thread, never a cooperative one) waits for it without
    /// spinning; nothing is polled meanwhile. It must end on its own, well under
    /// ``KafkaConsumerConfiguration/maxPollInterval``. Not called when the assignment was lost
    /// (session timeout): another member may already own the partitions.
    public func onRevocation(_ handler: (@Sendable ([KafkaTopicPartition]) async -> Void)?) {
        assignment.setRevocationHandler(handler)
    }

    /// Gives up `partitions` ahead of a revocation under way (from inside the
    /// ``onRevocation(_:)`` handler): from now on their messages are no longer current and their
    /// offsets no longer stored, so no record of them starts after the handler returns — work
    /// still running finishes unstored and is delivered again to the next owner.
    public func relinquish(_ partitions: Set<KafkaTopicPartition>) {
        assignment.relinquish(partitions)
    }

    /// Whether `message`'s partition is still owned at the epoch it was handed out in (not revoked,
    /// reassigned or repositioned by a seek since): handling it now would duplicate the work of
    /// its next delivery.
    public func isCurrent(_ message: KafkaConsumerMessage) -> Bool {
        assignment.isCurrent(message.topicPartition, epoch: message.epoch)
    }

    /// Keeps the first failure met outside the message sequence for its next call.
    func deferFailure(_ failure: KafkaError) {
        deferredFailure.withLock { $0 = $0 ?? failure }
    }

    /// The failure kept by ``deferFailure(_:)``, once.
    func takeDeferredFailure() -> KafkaError? {
        deferredFailure.withLock { failure in
            defer { failure = nil }
            return failure
        }
    }

    /// The partitions this member currently owns.
    public var assignedPartitions: Set<KafkaTopicPartition> { assignment.partitions }

    /// Marks `message` as handled: its offset + 1 will be committed.
    ///
    /// - Important: storing offset N + 1 tells Kafka that *every* earlier message of the
    ///   partition is handled. Store in partition order. Handlers that finish out of order
    ///   (several keys of one partition in parallel) must track completions and store only the
    ///   last message of the handled prefix (`StageRuntime`'s `PartitionProgress` does this).
    /// - Returns: `false` when the partition was revoked, or repositioned by a seek, since the
    ///   message was handed out (the message will be redelivered; nothing is stored).
    /// - Throws: ``KafkaError`` when librdkafka refuses the offset.
    @discardableResult
    public func storeOffset(_ message: KafkaConsumerMessage) throws(KafkaError) -> Bool {
        guard !isClosed.load(ordering: .acquiring) else { return false }
        return try assignment.storeOffset(
            client: client, partition: message.topicPartition, offset: message.offset + 1, epoch: message.epoch)
    }

    /// Commits every stored offset now and waits for the broker's answer.
    /// - Throws: ``KafkaError`` when the commit fails (nothing stored is not an error).
    public func commit() async throws {
        guard !isClosed.load(ordering: .acquiring) else { throw KafkaError.shutdown("the consumer is closed") }
        let client = client
        let error = await controlQueue.run { client.isDestroyed ? RD_KAFKA_RESP_ERR__DESTROY : rd_kafka_commit(client.handle, nil, 0) }
        if error == RD_KAFKA_RESP_ERR__DESTROY { throw KafkaError.shutdown("the consumer is closed") }
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR || error == RD_KAFKA_RESP_ERR__NO_OFFSET else {
            throw KafkaError.rdKafka(.consumer, error, context: "commit")
        }
    }

    /// Commits explicit `offsets` (the offset of the next message to read, per partition) and
    /// waits for the broker's answer. Every partition must be owned by this member.
    /// - Throws: ``KafkaError`` (`_STATE` when a partition is not owned).
    public func commit(_ offsets: [KafkaTopicPartition: Int64]) async throws {
        guard !isClosed.load(ordering: .acquiring) else { throw KafkaError.shutdown("the consumer is closed") }
        let notOwned = Set(offsets.keys).subtracting(assignment.partitions)
        guard notOwned.isEmpty else {
            throw KafkaError.rdKafka(.consumer, RD_KAFKA_RESP_ERR__STATE, context: "commit for partitions not owned: \(notOwned)")
        }
        let client = client
        let assignment = assignment
        let failure: rd_kafka_resp_err_t? = await controlQueue.run {
            if client.isDestroyed { return RD_KAFKA_RESP_ERR__DESTROY }
            // Ownership is checked again right before the commit: a partition revoked since the
            // check above must not get an offset from a member that no longer owns it.
            guard Set(offsets.keys).isSubset(of: assignment.partitions) else { return RD_KAFKA_RESP_ERR__STATE }
            let list = RDKafkaTopicPartitionList.make(offsets.map { ($0.key, $0.value) })
            defer { rd_kafka_topic_partition_list_destroy(list) }
            let error = rd_kafka_commit(client.handle, list, 0)
            return error != RD_KAFKA_RESP_ERR_NO_ERROR ? error : RDKafkaTopicPartitionList.firstError(list)
        }
        if let failure {
            throw KafkaError.rdKafka(.consumer, failure, context: "commit")
        }
    }

    /// Polls (discarding messages, storing nothing) until this member owns `partitions`.
    func waitUntilAssigned(_ partitions: Set<KafkaTopicPartition>, timeout: Duration) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        while !partitions.isSubset(of: assignment.partitions) {
            guard clock.now < deadline else {
                throw KafkaError.rdKafka(.consumer, RD_KAFKA_RESP_ERR__TIMED_OUT, context: "joining the group did not yield \(partitions.count) partitions (other members active?)")
            }
            _ = try await pollBatch()
        }
    }

    /// Stops fetching `partitions` (already fetched messages, at most one poll batch, may still arrive).
    public func pause(_ partitions: [KafkaTopicPartition]) throws(KafkaError) {
        try changePause(partitions, pause: true)
    }

    /// Resumes fetching `partitions`.
    public func resume(_ partitions: [KafkaTopicPartition]) throws(KafkaError) {
        try changePause(partitions, pause: false)
    }

    private func changePause(_ partitions: [KafkaTopicPartition], pause: Bool) throws(KafkaError) {
        guard !isClosed.load(ordering: .acquiring) else { throw KafkaError.shutdown("the consumer is closed") }
        let list = RDKafkaTopicPartitionList.make(partitions.map { ($0, Int64(RD_KAFKA_OFFSET_INVALID)) })
        defer { rd_kafka_topic_partition_list_destroy(list) }
        let error = pause ? rd_kafka_pause_partitions(client.handle, list) : rd_kafka_resume_partitions(client.handle, list)
        let first = error != RD_KAFKA_RESP_ERR_NO_ERROR ? error : RDKafkaTopicPartitionList.firstError(list)
        if let first {
            throw KafkaError.rdKafka(.consumer, first, context: pause ? "pause" : "resume")
        }
    }

    /// Moves the read position of an owned `partition` to `offset`; messages of that partition
    /// buffered before the seek are dropped. `timeout` bounds the wait for librdkafka's fetcher to
    /// take the seek (30 s: 10 s ran out on a loaded 2-core machine, `_TIMED_OUT`).
    /// - Throws: ``KafkaError`` (e.g. `_STATE` when the partition is not assigned).
    public func seek(_ partition: KafkaTopicPartition, to offset: Int64, timeout: Duration = .seconds(30)) async throws {
        let client = client
        let assignment = assignment
        let milliseconds = Int32(clamping: timeout.wholeMilliseconds)
        let consumer = self
        // On the poll queue: no poll overlaps the seek, and the partition's epoch is renewed
        // before the next poll, so messages fetched before the seek are dropped and messages
        // fetched after it are never mistaken for stale ones (which would lose them).
        let failure: KafkaError? = await pollQueue.run {
            guard !consumer.isClosed.load(ordering: .acquiring) else { return KafkaError.shutdown("the consumer is closed") }
            let list = RDKafkaTopicPartitionList.make([(partition, offset)])
            defer { rd_kafka_topic_partition_list_destroy(list) }
            if let error = rd_kafka_seek_partitions(client.handle, list, milliseconds) {
                return KafkaError.consuming(.consumer, error, context: "seek \(partition)")
            }
            if let error = RDKafkaTopicPartitionList.firstError(list) {
                return KafkaError.rdKafka(.consumer, error, context: "seek \(partition)")
            }
            assignment.renewEpoch(partition)
            return nil
        }
        if let failure { throw failure }
    }

    /// A consumer dropped without ``close()``: close and destroy it on a dispatch thread (both block),
    /// never on the cooperative pool that may be running this deinit.
    deinit {
        guard !isClosed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        let client = client
        DispatchQueue.global().async {
            rd_kafka_consumer_close(client.handle)
            client.destroy()
        }
    }

    /// Leaves the group: revokes (committing stored offsets), commits, closes and destroys the
    /// client. The message sequence ends. Idempotent.
    public func close() async {
        guard !isClosed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        let client = client
        let logger = logger
        // Polls and seeks run on the poll queue and stop at `isClosed`; close there, after them.
        await pollQueue.run {
            let error = rd_kafka_consumer_close(client.handle)
            if error != RD_KAFKA_RESP_ERR_NO_ERROR {
                logger.info("Kafka consumer close: \(String(cString: rd_kafka_err2str(error)))")
            }
        }
        // Commits run on the control queue and check `isDestroyed` there: destroying on the same
        // queue means no commit can overlap it.
        await controlQueue.run { client.destroy() }
    }
}
