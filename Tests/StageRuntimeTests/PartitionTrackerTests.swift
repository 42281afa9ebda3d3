import Kafka
import Testing

@testable import StageRuntime

/// The writer's commit bookkeeping across reassignments.
@Suite("PartitionTracker")
struct PartitionTrackerTests {
    func message(_ offset: Int64, epoch: UInt64, partition: Int32 = 3) -> KafkaConsumerMessage {
        var message = KafkaConsumerMessage(topic: "guance.events.v1", partition: partition, offset: offset, key: nil, value: nil)
        message.epoch = epoch
        return message
    }

    func owned(_ partitions: Int32...) -> Set<KafkaTopicPartition> {
        Set(partitions.map { KafkaTopicPartition(topic: "guance.events.v1", partition: $0) })
    }

    @Test("a partition assigned back after another member committed further starts over: the record left unfinished before does not hold the new records' offsets back")
    func assignedBackPastAnUnfinishedRecord() {
        let tracker = PartitionTracker()
        // Epoch 1: offset 5 is handed out; its handler gives up when the partition is revoked.
        _ = tracker.begin(message(5, epoch: 1), owned: owned(3))
        // Epoch 2 (assigned back): another member committed up to 9 meanwhile, so 9 comes next.
        let (ticket, forgotten) = tracker.begin(message(9, epoch: 2), owned: owned(3))
        #expect(forgotten.count == 1, "the first epoch's bookkeeping is dropped")
        #expect(tracker.finish(ticket)?.offset == 9, "offset 10 may be stored")
        #expect(tracker.inFlight == 0)
    }

    @Test("within one epoch an earlier record still holds later ones back; reading again from an earlier offset starts over")
    func sameEpoch() {
        let tracker = PartitionTracker()
        let (first, _) = tracker.begin(message(5, epoch: 1), owned: owned(3))
        let (second, _) = tracker.begin(message(6, epoch: 1), owned: owned(3))
        #expect(tracker.finish(second) == nil, "5 is unfinished")
        #expect(tracker.finish(first)?.offset == 6)
        let (again, forgotten) = tracker.begin(message(4, epoch: 1), owned: owned(3))
        #expect(forgotten.count == 1)
        #expect(tracker.finish(again)?.offset == 4)
    }

    @Test("a record of an older epoch finishing late stores nothing")
    func lateFinishOfOldEpoch() {
        let tracker = PartitionTracker()
        let (old, _) = tracker.begin(message(5, epoch: 1), owned: owned(3))
        _ = tracker.begin(message(5, epoch: 2), owned: owned(3))
        #expect(tracker.finish(old) == nil)
        #expect(tracker.inFlight == 1)
    }
}
