internal import Crdkafka
import Dispatch
import Logging
import Synchronization

/// The partitions this consumer owns, kept in step with librdkafka's rebalance callback.
///
/// The callback runs on the consumer's poll queue, inside `rd_kafka_consumer_poll`/`close`.
/// On revocation it, in order:
/// 1. removes the partitions from the owned set — from then on ``storeOffset(client:partition:offset:epoch:)``
///    rejects offsets of those partitions, so work still in flight for them is *abandoned*
///    (its messages are redelivered to the new owner: at-least-once);
/// 2. commits, synchronously, the offsets stored so far (handlers that finished while we still
///    owned the partitions), so the new owner does not redo their work;
/// 3. unassigns.
/// Storing happens under the same lock as step 1, so no offset of a revoked partition can be
/// stored (and then committed by librdkafka) after the revocation started.
///
/// Each owned partition carries an *epoch*, renewed on every assignment and every seek. The
/// message sequence tags the messages it buffers with the epoch at poll time and drops those
/// whose epoch is no longer current (revoked, reassigned, or repositioned by a seek).
final class ConsumerAssignment: Sendable {
    private struct State {
        var epochs: [KafkaTopicPartition: UInt64] = [:]
        var nextEpoch: UInt64 = 1

        mutating func renew(_ partition: KafkaTopicPartition) {
            epochs[partition] = nextEpoch
            nextEpoch += 1
        }
    }

    private let owned = Mutex(State())
    private let revocationHandler = Mutex<(@Sendable ([KafkaTopicPartition]) async -> Void)?>(nil)
    /// Whether the configured assignment strategy is cooperative (`cooperative-sticky`): the
    /// protocol assumed when librdkafka cannot tell (see ``rebalance(client:code:partitions:logger:)``).
    private let configuredCooperative: Bool

    /// Creates the state of a consumer whose `partition.assignment.strategy` is `assignmentStrategy`.
    init(assignmentStrategy: String) {
        configuredCooperative = assignmentStrategy.contains("cooperative")
    }

    /// Sets the handler called at the start of a revocation, before the partitions stop being
    /// owned (see ``KafkaConsumer/onRevocation(_:)``).
    func setRevocationHandler(_ handler: (@Sendable ([KafkaTopicPartition]) async -> Void)?) {
        revocationHandler.withLock { $0 = handler }
    }

    /// Stops owning `partitions` ahead of their revocation (see ``KafkaConsumer/relinquish(_:)``).
    func relinquish(_ partitions: Set<KafkaTopicPartition>) {
        owned.withLock { state in partitions.forEach { state.epochs[$0] = nil } }
    }

    /// The partitions currently owned.
    var partitions: Set<KafkaTopicPartition> { owned.withLock { Set($0.epochs.keys) } }

    /// The current epochs of the owned partitions.
    var epochs: [KafkaTopicPartition: UInt64] { owned.withLock { $0.epochs } }

    /// The current epoch of `partition`, `nil` when it is not owned.
    func epoch(of partition: KafkaTopicPartition) -> UInt64? {
        owned.withLock { $0.epochs[partition] }
    }

    /// Whether `partition` is owned and still at `epoch`.
    func isCurrent(_ partition: KafkaTopicPartition, epoch: UInt64) -> Bool {
        owned.withLock { $0.epochs[partition] == epoch }
    }

    /// Starts a new epoch for `partition` (after a seek), if owned.
    func renewEpoch(_ partition: KafkaTopicPartition) {
        owned.withLock { state in
            if state.epochs[partition] != nil { state.renew(partition) }
        }
    }

    /// Stores `offset` for `partition` if it is still owned, and still at `epoch` when one is
    /// given (a message fetched before a seek or a revoke-and-reassign must not store);
    /// atomically with revocation.
    func storeOffset(
        client: RDKafkaClient, partition: KafkaTopicPartition, offset: Int64, epoch: UInt64
    ) throws(KafkaError) -> Bool {
        let result: rd_kafka_resp_err_t? = owned.withLock { owned in
            guard let current = owned.epochs[partition], epoch == 0 || current == epoch else { return nil }
            let list = RDKafkaTopicPartitionList.make([(partition, offset)])
            defer { rd_kafka_topic_partition_list_destroy(list) }
            let error = rd_kafka_offsets_store(client.handle, list)
            return error != RD_KAFKA_RESP_ERR_NO_ERROR ? error : RDKafkaTopicPartitionList.firstError(list) ?? error
        }
        guard let result else { return false }
        guard result == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw KafkaError.rdKafka(.consumer, result, context: "store offset \(offset) for \(partition)")
        }
        return true
    }

    /// Owns `partitions` without a group (manual assignment): one epoch each, never revoked.
    func assignManually(_ partitions: Set<KafkaTopicPartition>) {
        owned.withLock { state in partitions.forEach { state.renew($0) } }
    }

    /// Runs `operation` as a task and blocks the calling thread — the consumer's poll queue, a
    /// dispatch thread inside `rd_kafka_consumer_poll`/`close`, never a cooperative-pool thread —
    /// on a semaphore until it ends: librdkafka needs the callback to return only once the
    /// revocation's work is done, and the work itself is async.
    private static func waitFor(_ operation: @escaping @Sendable () async -> Void) {
        let done = DispatchSemaphore(value: 0)
        Task {
            await operation()
            done.signal()
        }
        done.wait()
    }

    /// librdkafka's rebalance callback.
    func rebalance(
        client: OpaquePointer,
        code: rd_kafka_resp_err_t,
        partitions: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?,
        logger: Logger
    ) {
        let changed = partitions.map { RDKafkaTopicPartitionList.entries($0).map(\.partition) } ?? []
        // NULL while the group is being torn down (a revocation inside `rd_kafka_consumer_close`
        // can race the group's termination): then the configured strategy decides.
        let cooperative = rd_kafka_rebalance_protocol(client).map { String(cString: $0) == "COOPERATIVE" }
            ?? configuredCooperative
        switch code {
        case RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS:
            owned.withLock { state in changed.forEach { state.renew($0) } }
            logger.info("Kafka partitions assigned", metadata: ["kafka.partitions": "\(changed.map(\.description))"])
            if cooperative {
                if let error = rd_kafka_incremental_assign(client, partitions) {
                    logger.warning("incremental assign failed: \(KafkaError.consuming(.consumer, error))")
                }
            } else {
                rd_kafka_assign(client, partitions)
            }
        case RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS:
            // Still owned here: work finishing now can store its offsets, committed below.
            if rd_kafka_assignment_lost(client) == 0, let handler = revocationHandler.withLock({ $0 }) {
                Self.waitFor { await handler(changed) }
            }
            owned.withLock { state in changed.forEach { state.epochs[$0] = nil } }
            logger.info("Kafka partitions revoked", metadata: ["kafka.partitions": "\(changed.map(\.description))"])
            if rd_kafka_assignment_lost(client) == 0 {
                let error = rd_kafka_commit(client, nil, 0)
                if error != RD_KAFKA_RESP_ERR_NO_ERROR && error != RD_KAFKA_RESP_ERR__NO_OFFSET {
                    logger.info("commit on revocation failed: \(String(cString: rd_kafka_err2str(error)))")
                }
            }
            if cooperative {
                if let error = rd_kafka_incremental_unassign(client, partitions) {
                    logger.warning("incremental unassign failed: \(KafkaError.consuming(.consumer, error))")
                }
            } else {
                rd_kafka_assign(client, nil)
            }
        default:
            owned.withLock { $0.epochs.removeAll() }
            logger.warning("Kafka rebalance error: \(String(cString: rd_kafka_err2str(code)))")
            rd_kafka_assign(client, nil)
        }
    }
}
