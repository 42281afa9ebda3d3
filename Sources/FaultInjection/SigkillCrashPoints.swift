import Foundation
import Logging
import StageRuntime
import Synchronization

/// Deterministic crash points for end-to-end tests of "killed between the effect and the commit".
///
/// When the environment variable `SYNC_FAULT_CRASH_AT` names a point (e.g. `jira_issue_created`),
/// the process sends itself SIGKILL right after that effect, the first time it is reached — no
/// cleanup, no commit, no flush, exactly like an OOM kill or a power cut. Optional
/// `SYNC_FAULT_CRASH_AFTER=N` lets N occurrences pass first.
///
/// Test code only: the stages' fault-injection builds (`<stage>-faults`) install these; the
/// production executables do not link this module.
package enum SigkillCrashPoints {
    /// The crash points `environment` asks for (``CrashPoints/none`` when it names none).
    ///
    /// `SYNC_FAULT_CLOCK_OFFSET_SECONDS` (e.g. `180` or `-300`) shifts the host clock the stage's
    /// Guance client reads, as on a host whose clock is that far off.
    package static func from(environment: [String: String]) -> CrashPoints {
        let offset = environment["SYNC_FAULT_CLOCK_OFFSET_SECONDS"].flatMap(Double.init) ?? 0
        let hostClock: @Sendable () -> Date = { Date().addingTimeInterval(offset) }
        guard let target = environment["SYNC_FAULT_CRASH_AT"], !target.isEmpty else {
            return offset == 0 ? .none : CrashPoints(hostClock: hostClock)
        }
        let skip = environment["SYNC_FAULT_CRASH_AFTER"].flatMap(Int.init) ?? 0
        let counter = CrashCounter()
        return CrashPoints(hostClock: hostClock) { point, logger in
            guard point == target, counter.next() > skip else { return }
            logger.critical("fault injection: SIGKILL at \(point)")
            kill(getpid(), SIGKILL)
            // SIGKILL cannot be caught; this is never reached.
            while true { pause() }
        }
    }
}

/// Counts how often the configured crash point was reached in this process.
private final class CrashCounter: Sendable {
    private let count = Mutex(0)

    func next() -> Int {
        count.withLock { count in
            count += 1
            return count
        }
    }
}
