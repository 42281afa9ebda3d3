internal import CrdkafkaMock
import Synchronization

/// Owns an `rd_kafka_mock_cluster_t`.
///
/// `@unchecked Sendable`, C boundary: the mock cluster runs on its own thread and its public
/// functions are called from any thread (each posts an operation to that thread and waits),
/// the pointer is immutable, and `destroy()` runs exactly once (atomic flag); it must run
/// before the hosting `rd_kafka_t` is destroyed, which ``KafkaMockCluster`` guarantees.
final class MockClusterHandle: @unchecked Sendable {
    let pointer: OpaquePointer
    private let destroyed = Atomic<Bool>(false)

    /// Whether ``destroy()`` has run.
    var isDestroyed: Bool { destroyed.load(ordering: .acquiring) }

    init(pointer: OpaquePointer) {
        self.pointer = pointer
    }

    func destroy() {
        guard !destroyed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        rd_kafka_mock_cluster_destroy(pointer)
    }

    deinit {
        destroy()
    }
}
