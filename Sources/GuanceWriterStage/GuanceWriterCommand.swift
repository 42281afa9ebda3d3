import ArgumentParser
import StageRuntime

/// `guance-writer`: applies Jira comments and status changes to the linked Guance issues (the
/// executable `guance-writer` runs it; its fault-injection build `guance-writer-faults`, a test
/// executable, runs it with crash points).
package struct GuanceWriterCommand: StageCommand {
    package static let configuration = CommandConfiguration(
        commandName: GuanceWriterStage.name,
        abstract: "Mirror human Jira comments and status changes onto the linked Guance issues (consumes jira.events.v1)."
    )

    @OptionGroup var options: StageOptions

    @Option(name: .long, help: "Consumer group (env SYNC_CONSUMER_GROUP; default \(GuanceWriterSettings.defaultGroup)).")
    var group: String?

    /// Creates the command (ArgumentParser fills the options).
    package init() {}

    /// Runs the stage until SIGTERM/SIGINT; exits with the stage's exit code.
    package func run(crashPoints: CrashPoints) async throws {
        let group = group
        let code = await StageHost.run(
            stage: GuanceWriterStage.name, options: options, series: GuanceWriterStage.series,
            check: GuanceWriterStage.check, crashPoints: crashPoints
        ) { context in
            try await GuanceWriterStage.run(context, group: group)
        }
        throw ExitCode(code)
    }
}
