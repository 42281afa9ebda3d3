import ArgumentParser
import Foundation
import StageRuntime

/// The entry point of a stage's fault-injection build: the stage's own command line, run with
/// the crash points `SYNC_FAULT_CRASH_AT` / `SYNC_FAULT_CRASH_AFTER` ask for (``SigkillCrashPoints``).
package enum FaultInjectedStage {
    /// Parses the process arguments as `Command` and runs it with SIGKILL crash points; exits like
    /// the production executable would (usage errors, `--help`, the stage's exit code).
    package static func main<Command: StageCommand>(_ command: Command.Type) async -> Never {
        let crashPoints = SigkillCrashPoints.from(environment: ProcessInfo.processInfo.environment)
        do {
            var parsed = try Command.parseAsRoot()
            if let stage = parsed as? Command {
                try await stage.run(crashPoints: crashPoints)
            } else {
                try parsed.run()  // ArgumentParser's own commands (`help`)
            }
            Command.exit()
        } catch {
            Command.exit(withError: error)
        }
    }
}
