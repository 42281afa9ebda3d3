/// Tracks, for one partition, which records are being handled and which are done, and tells the
/// highest offset that is safe to commit.
///
/// Writers handle records of different issues concurrently, so they finish out of order. Kafka
/// commits one offset per partition meaning "everything before this is done", so the committable
/// offset is the first record still in flight (or one past the last record started, when nothing
/// is in flight). Committing anything further would lose the unfinished records on a crash.
package struct PartitionProgress: Sendable, Hashable {
    /// Offsets started, in start order (ascending), up to and including the first unfinished one.
    private var started: [Int64] = []
    private var head = 0
    private var finished: Set<Int64> = []
    /// The offset after the last record known done with nothing unfinished before it.
    package private(set) var committable: Int64?

    /// Creates an empty tracker.
    package init() {}

    /// Records that handling of `offset` began. Offsets must be started in ascending order, as a
    /// partition delivers them.
    package mutating func start(_ offset: Int64) {
        precondition(started.last.map { offset > $0 } ?? true, "offsets must be started in ascending order")
        started.append(offset)
    }

    /// Records that `offset` is done. Returns the new committable offset when it moved.
    @discardableResult
    package mutating func finish(_ offset: Int64) -> Int64? {
        finished.insert(offset)
        var moved = false
        while head < started.count, finished.remove(started[head]) != nil {
            committable = started[head] + 1
            head += 1
            moved = true
        }
        if head > 1024, head * 2 > started.count {
            started.removeFirst(head)
            head = 0
        }
        return moved ? committable : nil
    }

    /// How many records are started and not finished.
    package var inFlight: Int { started.count - head - finished.count }

    /// Whether every started record is finished.
    package var isIdle: Bool { head == started.count }
}
