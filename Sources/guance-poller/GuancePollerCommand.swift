import ArgumentParser
import Foundation
import GuancePollerStage
import StageRuntime

/// `guance-poller`: publishes Guance issue and reply changes to `guance.events.v1`.
@main
struct GuancePollerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: GuancePollerStage.name,
        abstract: "Polls Guance issues and replies and publishes their changes to Kafka.",
        discussion: """
            Environment beyond the shared stage contract: GUANCE_API_KEY_ID (optional, the sync's own \
            key id wsak_…, comma separated: replies it writes are never mirrored). \
            SYNC_FAULT_CRASH_AT=guance_events_published is fault injection for tests only.
            """
    )

    @OptionGroup var options: StageOptions

    func run() async throws {
        let code = await StageHost.run(
            stage: GuancePollerStage.name, options: options, series: GuancePollerStage.series,
            check: GuancePollerStage.check,
            body: GuancePollerStage.run)
        if code != StageExitCode.success { throw ExitCode(code) }
    }
}
