import Dispatch
import Synchronization

/// The group membership of a ``KafkaConsumer`` served while the application takes no messages
/// (``KafkaConsumer/holdMembership(every:)``): librdkafka leaves the group when
/// `max.poll.interval.ms` passes without a poll, and an evicted member would handle its records
/// again next to their new owner.
public final class MembershipHold: Sendable {
    private let consumer: KafkaConsumer
    /// Thread-safe (libdispatch); only cancelled here.
    private nonisolated(unsafe) let timer: any DispatchSourceTimer
    private let paused: PausedPartitions

    /// The partitions a hold paused (shared with its timer's handler).
    private final class PausedPartitions: Sendable {
        let partitions = Mutex<Set<KafkaTopicPartition>>([])
    }

    init(consumer: KafkaConsumer, interval: Duration) {
        let paused = PausedPartitions()
        self.consumer = consumer
        self.paused = paused
        timer = consumer.pollQueue.repeating(every: interval) {
            guard !consumer.isClosed.load(ordering: .acquiring) else { return }
            let assigned = consumer.assignedPartitions
            // Recorded first: a pause that fails part-way may still have paused some of them.
            paused.partitions.withLock { $0.formUnion(assigned) }
            do {
                if !assigned.isEmpty { try consumer.pause(Array(assigned)) }
            } catch {
                consumer.logger.warning("Kafka consumer: partitions not paused: \(error)")
            }
            switch consumer.pollRound() {
            case .success(let batch): consumer.keepPolledMessages(batch)
            case .failure(let failure): consumer.deferFailure(failure)
            }
        }
    }

    /// Stops serving the group (after a round under way) and resumes every partition it paused,
    /// also one revoked meanwhile: librdkafka keeps an application's pause across a revocation and
    /// a later assignment of the same partition, which would then never be fetched again.
    public func end() async {
        timer.cancel()
        let paused = paused
        // The timer runs on the poll queue: once this runs there, no round is under way any more.
        let held = await consumer.pollQueue.run { paused.partitions.withLock { $0 } }
        guard !held.isEmpty, !consumer.isClosed.load(ordering: .acquiring) else { return }
        do {
            // One call resumes every partition the client knows; an error names the first it did not.
            try consumer.resume(Array(held))
        } catch {
            consumer.logger.debug("Kafka consumer: not every held partition was resumed: \(error)")
        }
    }

    deinit {
        timer.cancel()
    }
}
