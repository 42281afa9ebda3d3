import ArgumentParser
import Foundation
import StageRuntime

/// `guance-poller`: publishes Guance issue and reply changes to `guance.events.v1` (the
/// executable `guance-poller` runs it; its fault-injection build `guance-poller-faults`, a test
/// executable, runs it with crash points).
package struct GuancePollerCommand: StageCommand {
    package static let configuration = CommandConfiguration(
        commandName: GuancePollerStage.name,
        abstract: "Polls Guance issues and replies and publishes their changes to Kafka.",
        discussion: """
            Environment beyond the shared stage contract: GUANCE_API_KEY_ID (optional, the sync's own \
            key id wsak_…, comma separated: replies it writes are never mirrored).
            """
    )

    @OptionGroup var options: StageOptions

    /// Creates the command (ArgumentParser fills the options).
    package init() {}

    /// Runs the stage until SIGTERM/SIGINT; exits with the stage's exit code.
    package func run(crashPoints: CrashPoints) async throws {
        let code = await StageHost.run(
            stage: GuancePollerStage.name, options: options, series: GuancePollerStage.series,
            check: GuancePollerStage.check, crashPoints: crashPoints,
            body: GuancePollerStage.run)
        if code != StageExitCode.success { throw ExitCode(code) }
    }
}
