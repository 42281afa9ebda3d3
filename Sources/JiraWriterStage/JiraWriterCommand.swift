import ArgumentParser
import Foundation
import StageRuntime

/// `jira-writer`: Guance events → Jira issues, comments and status, exactly once (the executable
/// `jira-writer` runs it; its fault-injection build `jira-writer-faults`, a test executable, runs
/// it with crash points).
package struct JiraWriterCommand: StageCommand {
    package static let configuration = CommandConfiguration(
        commandName: "jira-writer",
        abstract: "Apply Guance issue and reply events (guance.events.v1) to Jira, exactly once.",
        discussion: """
            Environment beyond the shared runtime contract: JIRA_WRITER_CREATE_SETTLE_SECONDS (default 300) \
            is how long an empty label search must stay empty after a create with an unknown outcome \
            before creating again; JIRA_WRITER_SEARCH_RETRY_SECONDS (default 10) paces those searches.
            """
    )

    @OptionGroup var options: StageOptions

    @Option(name: .long, help: "Consumer group (env SYNC_CONSUMER_GROUP; default guance-jira-sync.jira-writer).")
    var group: String?

    /// Creates the command (ArgumentParser fills the options).
    package init() {}

    /// Runs the stage until SIGTERM/SIGINT; exits with the stage's exit code.
    package func run(crashPoints: CrashPoints) async throws {
        var environment = ProcessInfo.processInfo.environment
        if let group { environment["SYNC_CONSUMER_GROUP"] = group }
        let code = await StageHost.run(
            stage: JiraWriterStage.name, options: options, environment: environment,
            series: JiraWriterStage.series, check: JiraWriterStage.check, crashPoints: crashPoints,
            body: JiraWriterStage.run)
        throw ExitCode(code)
    }
}
