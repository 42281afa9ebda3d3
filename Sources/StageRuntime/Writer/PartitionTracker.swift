import Kafka
import Synchronization

/// The commit bookkeeping of a writer: per owned partition, which records are in flight, which
/// are done, and the message whose offset is safe to store next (``PartitionProgress``).
///
/// A partition's bookkeeping starts over (a new *generation*) when it is revoked, reassigned or
/// read again from an earlier offset; completions of an older generation are ignored, since their
/// records will be (or were) delivered again. A reassignment is told by the message's assignment
/// epoch, not only by its offset: a partition revoked while a record was unfinished and assigned
/// back after another member committed further resumes *past* that record, and the old
/// generation's unfinished ticket would hold the committable prefix back for good (chaos seed
/// 3555302081: one event unconsumed until the writers restarted).
final class PartitionTracker: Sendable {
    /// A record handed to a handler, with the generation of its partition at that moment.
    struct Ticket: Sendable {
        var message: KafkaConsumerMessage
        var generation: UInt64
    }

    private struct Partition {
        var generation: UInt64
        /// The assignment epoch of the messages of this generation.
        var epoch: UInt64
        var progress = PartitionProgress()
        var lastStarted: Int64 = -1
        var messages: [Int64: KafkaConsumerMessage] = [:]
    }

    private struct State {
        var partitions: [KafkaTopicPartition: Partition] = [:]
        var nextGeneration: UInt64 = 1
    }

    private let state = Mutex(State())

    /// Starts tracking `message`.
    /// - Parameter owned: the partitions the consumer owns now; tracked partitions no longer
    ///   owned are forgotten.
    /// - Returns: the ticket, and the partitions forgotten as (partition, generation) pairs, whose
    ///   queued work should be abandoned.
    func begin(_ message: KafkaConsumerMessage, owned: Set<KafkaTopicPartition>) -> (Ticket, [(KafkaTopicPartition, UInt64)]) {
        state.withLock { state in
            var forgotten: [(KafkaTopicPartition, UInt64)] = []
            for (partition, tracked) in state.partitions where !owned.contains(partition) {
                forgotten.append((partition, tracked.generation))
                state.partitions[partition] = nil
            }
            let key = message.topicPartition
            if let tracked = state.partitions[key], message.epoch != tracked.epoch || message.offset <= tracked.lastStarted {
                // Assigned again, or read again from an earlier offset (seek): start over.
                forgotten.append((key, tracked.generation))
                state.partitions[key] = nil
            }
            if state.partitions[key] == nil {
                state.partitions[key] = Partition(generation: state.nextGeneration, epoch: message.epoch)
                state.nextGeneration += 1
            }
            state.partitions[key]!.progress.start(message.offset)
            state.partitions[key]!.lastStarted = message.offset
            state.partitions[key]!.messages[message.offset] = message
            return (Ticket(message: message, generation: state.partitions[key]!.generation), forgotten)
        }
    }

    /// Marks a ticket's record done.
    /// - Returns: the message to store (the last one of the finished prefix) when the prefix moved.
    func finish(_ ticket: Ticket) -> KafkaConsumerMessage? {
        state.withLock { state in
            let key = ticket.message.topicPartition
            guard var tracked = state.partitions[key], tracked.generation == ticket.generation else { return nil }
            defer { state.partitions[key] = tracked }
            guard let committable = tracked.progress.finish(ticket.message.offset) else { return nil }
            let last = tracked.messages[committable - 1]
            tracked.messages = tracked.messages.filter { $0.key >= committable }
            return last
        }
    }

    /// Forgets `partition` (its store was refused: revoked or repositioned).
    func forget(_ partition: KafkaTopicPartition, generation: UInt64) {
        state.withLock { state in
            if state.partitions[partition]?.generation == generation { state.partitions[partition] = nil }
        }
    }

    /// Records started and not finished in `partitions`.
    func inFlight(in partitions: Set<KafkaTopicPartition>) -> Int {
        state.withLock { state in
            partitions.reduce(0) { $0 + (state.partitions[$1]?.progress.inFlight ?? 0) }
        }
    }

    /// Records in flight, over all partitions.
    var inFlight: Int {
        state.withLock { $0.partitions.values.reduce(0) { $0 + $1.progress.inFlight } }
    }
}
