import Foundation
import Logging
import Synchronization

/// Deterministic crash points for end-to-end tests of "killed between the effect and the commit".
///
/// When the environment variable `SYNC_FAULT_CRASH_AT` names a point (e.g. `jira_issue_created`),
/// the process sends itself SIGKILL right after that effect, the first time it is reached — no
/// cleanup, no commit, no flush, exactly like an OOM kill or a power cut. Optional
/// `SYNC_FAULT_CRASH_AFTER=N` lets N occurrences pass first. Never set these in production.
public enum FaultInjection {
    private static let counter = CrashCounter()

    /// Kills the process with SIGKILL if `point` is the configured crash point (and its skip
    /// count is used up).
    public static func crashPoint(_ point: String, context: StageContext) {
        crashPoint(point, environment: context.environment, logger: context.logger)
    }

    /// Kills the process with SIGKILL if `point` is the configured crash point.
    public static func crashPoint(_ point: String, environment: [String: String], logger: Logger) {
        guard environment["SYNC_FAULT_CRASH_AT"] == point else { return }
        let skip = environment["SYNC_FAULT_CRASH_AFTER"].flatMap(Int.init) ?? 0
        guard counter.next(point) > skip else { return }
        logger.critical("fault injection: SIGKILL at \(point)")
        kill(getpid(), SIGKILL)
        // SIGKILL cannot be caught; this is never reached.
        while true { pause() }
    }
}

/// Counts how often each crash point was reached in this process.
private final class CrashCounter: Sendable {
    private let counts = Mutex<[String: Int]>([:])

    func next(_ point: String) -> Int {
        counts.withLock { counts in
            counts[point, default: 0] += 1
            return counts[point]!
        }
    }
}
