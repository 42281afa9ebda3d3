import ArgumentParser
import Foundation
import StageRuntime
import SyncCore

/// `jira-poller`: publishes what humans do on linked Jira issues to `jira.events.v1` (the
/// executable `jira-poller` runs it; its fault-injection build `jira-poller-faults`, a test
/// executable, runs it with crash points).
package struct JiraPollerCommand: StageCommand {
    package static let configuration = CommandConfiguration(
        commandName: JiraPollerStage.name,
        abstract: "Poll linked Jira issues and publish human status changes and comments to jira.events.v1.",
        discussion: """
            With JIRA_WEBHOOK_SECRET (or JIRA_WEBHOOK_SECRET_FILE) set, also serves POST /webhook/jira on a \
            listener of its own (--webhook-host/--webhook-port, default 0.0.0.0:8081): a Jira webhook signed \
            with that secret triggers an early poll (at most one per 5 seconds). Without it there is no \
            webhook listener. Polling stays the source of truth.
            """
    )

    @OptionGroup var options: StageOptions
    @OptionGroup var webhookOptions: WebhookListenerOptions

    /// Creates the command (ArgumentParser fills the options).
    package init() {}

    /// Runs the stage until SIGTERM/SIGINT; exits with the stage's exit code.
    package func run(crashPoints: CrashPoints) async throws {
        let environment = ProcessInfo.processInfo.environment
        let trigger = PollTrigger()
        let webhook: (listener: StageListener, receiver: JiraWebhookReceiver)?
        do {
            webhook = try JiraPollerStage.webhook(options: webhookOptions, environment: environment, trigger: trigger)
        } catch {
            StageHost.printProblems(["\(error)"])
            throw ExitCode(StageExitCode.configuration)
        }
        let code = await StageHost.run(
            stage: JiraPollerStage.name, options: options, environment: environment,
            listeners: webhook.map { [$0.listener] } ?? [], series: JiraPollerStage.series,
            check: JiraPollerStage.check, crashPoints: crashPoints
        ) { context in
            try await JiraPollerStage.run(context, trigger: trigger, receiver: webhook?.receiver)
        }
        throw ExitCode(code)
    }
}
