import ArgumentParser
import Foundation
import StageRuntime
import SyncCore

/// `jira-poller`: publishes what humans do on linked Jira issues to `jira.events.v1` (the
/// executable `jira-poller` runs it; its fault-injection build `jira-poller-faults`, a test
/// executable, runs it with crash points).
public struct JiraPollerCommand: StageCommand {
    public static let configuration = CommandConfiguration(
        commandName: JiraPollerStage.name,
        abstract: "Poll linked Jira issues and publish human status changes and comments to jira.events.v1.",
        discussion: """
            Also serves POST /webhook/jira on the HTTP port: a Jira webhook there triggers an immediate \
            poll (signature checked with JIRA_WEBHOOK_SECRET when set). Polling stays the source of truth.
            """
    )

    @OptionGroup var options: StageOptions

    /// Creates the command (ArgumentParser fills the options).
    public init() {}

    /// Runs the stage until SIGTERM/SIGINT; exits with the stage's exit code.
    public func run(crashPoints: CrashPoints) async throws {
        let environment = ProcessInfo.processInfo.environment
        let trigger = PollTrigger()
        let receiver = JiraWebhookReceiver(secret: try webhookSecret(environment), trigger: trigger)
        let code = await StageHost.run(
            stage: JiraPollerStage.name, options: options, environment: environment,
            routes: JiraPollerStage.routes(receiver: receiver), series: JiraPollerStage.series,
            check: JiraPollerStage.check, crashPoints: crashPoints
        ) { context in
            try await JiraPollerStage.run(context, trigger: trigger, receiver: receiver)
        }
        throw ExitCode(code)
    }

    private func webhookSecret(_ environment: [String: String]) throws -> String? {
        do {
            return try Secret.fromEnvironment("JIRA_WEBHOOK_SECRET", environment: environment)?.reveal()
        } catch {
            StageHost.printProblems(["\(error)"])
            throw ExitCode(StageExitCode.configuration)
        }
    }
}
