import ServiceLifecycle

/// How a stage sees its process stopping.
///
/// SIGTERM/SIGINT start a graceful shutdown of the host's service group (``StageHost``): the
/// stages stop taking work, and every *wait* ends at once — for Guance or Jira budget, a retry
/// back-off, the next poll, room in the writer — while work already under way (an HTTP call, a
/// Kafka acknowledgement, a commit) finishes. When the drain timeout is near, the shutdown is
/// escalated to task cancellation, which ends everything else. Waits go through this type so that
/// both end them; outside a service group (tests, one-shot commands) only cancellation does.
package enum StageShutdown {
    /// Whether the process is stopping (graceful shutdown started) or the task is cancelled.
    package static var isRequested: Bool {
        Task.isShuttingDownGracefully || Task.isCancelled
    }

    /// Sleeps until `deadline`.
    /// - Throws: `CancellationError` as soon as the shutdown starts or the task is cancelled.
    package static func sleep(until deadline: ContinuousClock.Instant) async throws {
        if isRequested { throw CancellationError() }
        try await cancelWhenGracefulShutdown {
            try await Task.sleep(until: deadline, tolerance: nil, clock: ContinuousClock())
        }
    }

    /// Sleeps for `duration`.
    /// - Throws: `CancellationError` as soon as the shutdown starts or the task is cancelled.
    package static func sleep(for duration: Duration) async throws {
        try await sleep(until: ContinuousClock.now + duration)
    }

    /// Runs `operation` in a child task that is cancelled when the shutdown starts: for waits that
    /// end on cancellation (e.g. a trigger, a message sequence).
    package static func cancellingAtShutdown<Value: Sendable>(
        _ operation: @escaping @Sendable () async throws -> Value
    ) async rethrows -> Value {
        try await cancelWhenGracefulShutdown(operation)
    }
}
