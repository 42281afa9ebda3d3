import Foundation
import Logging
import SyncCore

/// What a stage's body receives from ``StageHost``: its settings, validated.
public struct StageContext: Sendable {
    /// The executable name (`jira-writer`, …), used in metrics, logs, client ids and dead letters.
    public var stage: String
    /// The stage's logger.
    public var logger: Logger
    /// Kafka settings.
    public var kafka: StageKafka
    /// The parsed configuration file.
    public var configuration: SyncConfiguration
    /// The process environment (secrets are read from it by name, never logged).
    public var environment: [String: String]
    /// Readiness checks served on `/readyz`.
    public var readiness: Readiness
    /// The crash points of a fault-injection build (``CrashPoints/none`` in production).
    public var crashPoints: CrashPoints

    /// Creates a context (``StageHost`` does this; tests may too).
    public init(
        stage: String, logger: Logger, kafka: StageKafka, configuration: SyncConfiguration,
        environment: [String: String], readiness: Readiness, crashPoints: CrashPoints = .none
    ) {
        self.stage = stage
        self.logger = logger
        self.kafka = kafka
        self.configuration = configuration
        self.environment = environment
        self.readiness = readiness
        self.crashPoints = crashPoints
    }

    /// The host's time: the system clock in production; a fault-injection build may shift it
    /// (`SYNC_FAULT_CLOCK_OFFSET_SECONDS`, a host clock that far off). Pollers read "now" here.
    public func hostNow() -> Date {
        crashPoints.hostClock()
    }

    /// Tells the crash points that the stage reached `point`, right after the effect it names.
    public func crashPoint(_ point: String) {
        crashPoints.reached(point, logger: logger)
    }
}
