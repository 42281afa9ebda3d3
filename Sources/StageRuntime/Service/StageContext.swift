import Foundation
import Logging
import SyncCore

/// What a stage's body receives from ``StageHost``: its settings, validated.
package struct StageContext: Sendable {
    /// The executable name (`jira-writer`, …), used in metrics, logs, client ids and dead letters.
    package var stage: String
    /// The stage's logger.
    package var logger: Logger
    /// Kafka settings.
    package var kafka: StageKafka
    /// The parsed configuration file.
    package var configuration: SyncConfiguration
    /// The process environment (secrets are read from it by name, never logged).
    package var environment: [String: String]
    /// Readiness checks served on `/readyz`.
    package var readiness: Readiness
    /// The crash points of a fault-injection build (``CrashPoints/none`` in production).
    package var crashPoints: CrashPoints
    /// Every stage this process hosts (`syncctl run`: several; a stage executable: its own).
    package var hostedStages: [String]

    /// What this process is called where processes, not stages, are counted (a budget exchange):
    /// the stage's name, or ``allStagesProcessName`` when the process hosts several stages.
    package var processName: String { Self.processName(hosting: hostedStages) }

    /// The name of a process hosting several stages (`syncctl run`, `sync-dev run`).
    package static let allStagesProcessName = "syncctl-run"

    /// The name of a process hosting `stages`.
    package static func processName(hosting stages: [String]) -> String {
        stages.count == 1 ? stages[0] : allStagesProcessName
    }

    /// Creates a context (``StageHost`` does this; tests may too).
    package init(
        stage: String, logger: Logger, kafka: StageKafka, configuration: SyncConfiguration,
        environment: [String: String], readiness: Readiness, crashPoints: CrashPoints = .none, hostedStages: [String]? = nil
    ) {
        self.stage = stage
        self.logger = logger
        self.kafka = kafka
        self.configuration = configuration
        self.environment = environment
        self.readiness = readiness
        self.crashPoints = crashPoints
        self.hostedStages = hostedStages ?? [stage]
    }

    /// The host's time: the system clock in production; a fault-injection build may shift it
    /// (`SYNC_FAULT_CLOCK_OFFSET_SECONDS`, a host clock that far off). Pollers read "now" here.
    package func hostNow() -> Date {
        crashPoints.hostClock()
    }

    /// Tells the crash points that the stage reached `point`, right after the effect it names.
    package func crashPoint(_ point: String) {
        crashPoints.reached(point, logger: logger)
    }
}
