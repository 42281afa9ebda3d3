import Foundation
import Metrics
import Synchronization

/// A poller's gauges: `sync_poller_backlog{stage}` and `sync_poller_checkpoint_age_seconds{stage}`
/// (kept current every few seconds while the poller runs, also during a long cycle).
final class PollerGauges: Sendable {
    private let backlog: Gauge
    private let checkpointAge: Gauge
    private let savedAt = Mutex<Date?>(nil)

    /// How often ``refreshAge()`` runs while the poller runs.
    static let refreshInterval: Duration = .seconds(5)

    init(stage: String) {
        backlog = Gauge(label: StageMetricName.pollerBacklog, dimensions: [("stage", stage)])
        checkpointAge = Gauge(label: StageMetricName.checkpointAge, dimensions: [("stage", stage)])
    }

    /// Records the work known to be pending.
    func recordBacklog(_ items: Int) {
        backlog.record(items)
    }

    /// Records that a checkpoint was saved (or restored) at `time`.
    func recordCheckpoint(savedAt time: Date) {
        savedAt.withLock { $0 = time }
        refreshAge()
    }

    /// Records the age of the last checkpoint, if any.
    func refreshAge(now: Date = Date()) {
        guard let time = savedAt.withLock({ $0 }) else { return }
        checkpointAge.record(max(0, now.timeIntervalSince(time)))
    }
}
