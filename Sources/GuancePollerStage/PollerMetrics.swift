import Foundation
import Metrics
import StageRuntime

/// guance-poller's gauges: `sync_poller_backlog{stage}` and `sync_poller_checkpoint_age_seconds{stage}`.
struct PollerMetrics: Sendable {
    private let backlog: Gauge
    private let checkpointAge: Gauge

    /// Creates the gauges of `stage`.
    init(stage: String) {
        backlog = Gauge(label: StageMetricName.pollerBacklog, dimensions: [("stage", stage)])
        checkpointAge = Gauge(label: StageMetricName.checkpointAge, dimensions: [("stage", stage)])
    }

    /// Records the work known to be pending: reply checks that did not fit plus deferred sweep pages.
    func recordBacklog(_ items: Int) {
        backlog.record(items)
    }

    /// Records the age of the last saved checkpoint.
    func recordCheckpointAge(since savedAt: Date, now: Date = Date()) {
        checkpointAge.record(max(0, now.timeIntervalSince(savedAt)))
    }
}
