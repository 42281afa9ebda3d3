import ArgumentParser
import GuanceWriterStage
import StageRuntime

/// `guance-writer`: applies Jira comments and status changes to the linked Guance issues.
@main
struct GuanceWriterCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: GuanceWriterStage.name,
        abstract: "Mirror human Jira comments and status changes onto the linked Guance issues (consumes jira.events.v1)."
    )

    @OptionGroup var options: StageOptions

    @Option(name: .long, help: "Consumer group (env SYNC_CONSUMER_GROUP; default \(GuanceWriterSettings.defaultGroup)).")
    var group: String?

    func run() async throws {
        let group = group
        let code = await StageHost.run(
            stage: GuanceWriterStage.name, options: options, series: GuanceWriterStage.series,
            check: GuanceWriterStage.check
        ) { context in
            try await GuanceWriterStage.run(context, group: group)
        }
        throw ExitCode(code)
    }
}
