import ArgumentParser
import Foundation
import GuancePollerStage
import GuanceWriterStage
import JiraPollerStage
import JiraWriterStage
import StageRuntime
import SyncCore

/// guance-poller, jira-writer, jira-poller and guance-writer hosted in one process, for small
/// installs: `syncctl run` (a real Kafka through `--brokers`) and `sync-dev run` (an embedded
/// in-memory broker).
package enum AllStages {
    /// The stages' names, in start order.
    package static let names = [GuancePollerStage.name, JiraWriterStage.name, JiraPollerStage.name, GuanceWriterStage.name]

    /// Runs the stages `options` selects until SIGTERM/SIGINT; throws ``ExitCode`` unless they
    /// stopped cleanly (same exit codes as the stage executables).
    /// - Parameter kafkaOverride: brokers to use instead of `--brokers`/`KAFKA_BROKERS` (an embedded dev broker).
    package static func run(_ options: AllStagesOptions, kafkaOverride: [String]? = nil) async throws {
        let environment = ProcessInfo.processInfo.environment
        let wanted = options.selected
        let trigger = PollTrigger()
        let webhook: (listener: StageListener, receiver: JiraWebhookReceiver)?
        do {
            webhook = wanted.contains(JiraPollerStage.name)
                ? try JiraPollerStage.webhook(options: options.webhook, environment: environment, trigger: trigger) : nil
        } catch {
            StageHost.printProblems(["\(error)"])
            throw ExitCode(StageExitCode.configuration)
        }
        let selected = definitions(trigger: trigger, receiver: webhook?.receiver).filter { wanted.contains($0.name) }
        let code = await StageHost.run(
            stages: selected, options: options.stage, environment: environment, kafkaOverride: kafkaOverride,
            listeners: webhook.map { [$0.listener] } ?? [])
        if code != StageExitCode.success { throw ExitCode(code) }
    }

    /// The four stages; the jira-poller's webhook nudges go through `trigger`/`receiver`.
    static func definitions(trigger: PollTrigger, receiver: JiraWebhookReceiver?) -> [StageDefinition] {
        [
            StageDefinition(name: GuancePollerStage.name, series: GuancePollerStage.series, check: GuancePollerStage.check, body: GuancePollerStage.run),
            StageDefinition(name: JiraWriterStage.name, series: JiraWriterStage.series, check: JiraWriterStage.check, body: JiraWriterStage.run),
            StageDefinition(name: JiraPollerStage.name, series: JiraPollerStage.series, check: JiraPollerStage.check) { context in
                try await JiraPollerStage.run(context, trigger: trigger, receiver: receiver)
            },
            StageDefinition(name: GuanceWriterStage.name, series: GuanceWriterStage.series, check: GuanceWriterStage.check) { context in
                try await GuanceWriterStage.run(context)
            },
        ]
    }
}
