internal import Crdkafka
import Synchronization

/// Owns an `rd_kafka_mock_cluster_t`.
///
/// `@unchecked Sendable`, C boundary: the mock cluster runs on its own thread and its public
/// functions are called from any thread (each posts an operation to that thread and waits),
/// the pointer is immutable, and `destroy()` runs exactly once (atomic flag); it must run
/// before the hosting `rd_kafka_t` is destroyed, which ``KafkaMockCluster`` guarantees.
final class MockClusterHandle: @unchecked Sendable {
    let pointer: OpaquePointer
    private let isDestroyed = Atomic<Bool>(false)

    init(pointer: OpaquePointer) {
        self.pointer = pointer
    }

    func destroy() {
        guard !isDestroyed.exchange(true, ordering: .acquiringAndReleasing) else { return }
        rd_kafka_mock_cluster_destroy(pointer)
    }

    deinit {
        destroy()
    }
}
