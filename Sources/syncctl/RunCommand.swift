import AllStages
import ArgumentParser

/// `syncctl run`: all four stages in one process, for small installs.
///
/// Uses the real Guance and Jira endpoints of the configuration file and the Kafka cluster of
/// `--brokers` (`KAFKA_BROKERS`). (A trial on an embedded in-memory broker is `sync-dev run`, a
/// development tool that is not part of the production image.)
struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run guance-poller, jira-writer, jira-poller and guance-writer in one process.",
        discussion: """
            Same configuration, environment and endpoints (/healthz, /readyz, /metrics; the webhook listener \
            when JIRA_WEBHOOK_SECRET is set) as the four executables. \
            Exit codes: 0 stopped cleanly (SIGTERM/SIGINT), 1 runtime failure, 64 usage, 78 configuration problem.
            """
    )

    @OptionGroup var options: AllStagesOptions

    func run() async throws {
        try await AllStages.run(options)
    }
}
