import Foundation
import GuanceAPI
import StageRuntime
import Synchronization

/// Schedules ``PollingSession`` cycles: a windowed list every ``PollingSession/windowInterval``,
/// and in between, as soon as the budget allows, cycles that work off pending reply checks.
/// Keeps the `guance` readiness check and the poller gauges current.
struct PollLoop {
    let context: StageContext
    let settings: PollerSettings

    /// The shortest pause between cycles.
    static let minimumPause: TimeInterval = 0.2
    /// The pause after a failed cycle.
    static let failurePause: TimeInterval = 5
    /// How often the checkpoint-age gauge is refreshed while a cycle runs.
    static let gaugeRefresh: Duration = .seconds(5)

    /// Runs until the process stops (``StageShutdown``): the cycle under way ends early when it
    /// waits for budget, otherwise it publishes and checkpoints what it read; no cycle follows.
    func run(_ session: inout PollingSession) async throws {
        let metrics = PollerMetrics(stage: context.stage)
        let savedAt = SavedAt(session.checkpointSavedAt)
        let ticker = Task {
            while !Task.isCancelled {
                if let time = savedAt.time { metrics.recordCheckpointAge(since: time) }
                try? await Task.sleep(for: Self.gaugeRefresh)
            }
        }
        defer { ticker.cancel() }
        while !StageShutdown.isRequested {
            let pause = await runOnce(&session, metrics: metrics)
            savedAt.time = session.checkpointSavedAt
            if let time = savedAt.time { metrics.recordCheckpointAge(since: time) }
            do {
                try await StageShutdown.sleep(for: .milliseconds(Int(max(0, pause) * 1000)))
            } catch {
                break
            }
        }
    }

    /// When the last checkpoint was saved, shared with the gauge ticker.
    private final class SavedAt: Sendable {
        private let value: Mutex<Date?>

        init(_ time: Date?) {
            value = Mutex(time)
        }

        var time: Date? {
            get { value.withLock { $0 } }
            set { value.withLock { $0 = newValue } }
        }
    }

    /// One cycle; returns how long to wait before the next.
    private func runOnce(_ session: inout PollingSession, metrics: PollerMetrics) async -> TimeInterval {
        let now = Date()
        let windowDue = session.lastWindowListAt.map { now.timeIntervalSince($0) >= session.windowInterval } ?? true
        do {
            let report = try await session.cycle(now: now, includeWindow: windowDue)
            context.readiness.set(GuancePollerStage.readinessCheck, ready: true)
            metrics.recordBacklog(report.backlog)
            if report.published > 0 {
                context.logger.info("events published", metadata: [
                    "events": "\(report.published)", "backlog": "\(report.backlog)",
                ])
            }
            let nextWindow = (session.lastWindowListAt ?? now).addingTimeInterval(session.windowInterval)
            let untilWindow = nextWindow.timeIntervalSince(Date())
            guard report.hasPendingWork else { return untilWindow }
            return min(untilWindow, max(Self.minimumPause, session.secondsUntilNextRequest))
        } catch {
            guard !StageShutdown.isRequested else { return 0 }
            context.readiness.set(GuancePollerStage.readinessCheck, ready: false, detail: Self.summary(of: error))
            context.logger.error("poll cycle failed; retrying", metadata: ["error": "\(error)"])
            return Self.failurePause
        }
    }

    /// A short, secret-free reason for `/readyz`.
    private static func summary(of error: any Error) -> String {
        if let error = error as? GuanceAPIError { return "Guance: \(error.kind)" }
        return "\(type(of: error))"
    }
}
