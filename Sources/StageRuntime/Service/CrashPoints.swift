import Foundation
import Logging

/// The named points right after a stage's effect (`jira_issue_created`, `guance_events_published`,
/// …) where a test may end the process abruptly, to prove that a restart finds the effect instead of
/// repeating it.
///
/// Production stages run with ``none``: reaching a point does nothing. Only the fault-injection
/// builds of the stages (the test executables `<stage>-faults`, module `FaultInjection`) install a
/// hook, which SIGKILLs the process at the point the test names; no production executable links
/// that code.
package struct CrashPoints: Sendable {
    /// Called with the point reached and the stage's logger.
    package typealias Hook = @Sendable (_ point: String, _ logger: Logger) -> Void

    private let hook: Hook?
    /// The host clock the stage's Guance client measures the service's clock against. A
    /// fault-injection build may shift it (a host clock off by minutes); production reads the system clock.
    package let hostClock: @Sendable () -> Date

    /// Crash points that call `hook` each time a point is reached, on a host whose clock reads `hostClock`.
    package init(hostClock: @escaping @Sendable () -> Date = { Date() }, _ hook: (Hook)? = nil) {
        self.hook = hook
        self.hostClock = hostClock
    }

    private init() {
        hook = nil
        hostClock = { Date() }
    }

    /// No crash points: what production runs with.
    package static let none = CrashPoints()

    /// Tells the hook that the stage reached `point` (right after the effect it names).
    package func reached(_ point: String, logger: Logger) {
        hook?(point, logger)
    }
}
