import Foundation
import Hummingbird
import Kafka
import Logging
import Metrics
import Prometheus
import ServiceLifecycle
import SyncCore

/// Runs one stage executable: logging and metrics set-up, configuration loading and
/// `--check-config`, then one `ServiceGroup` of the health/metrics endpoint, a Kafka readiness
/// probe, the ``StageHealthWatch`` and the stages, stopped gracefully on SIGTERM/SIGINT within the
/// drain timeout (``StageShutdown``, ``StopPhases``; the contract is in `docs/runtime.md`). Any
/// of them failing or ending on its own — a stage, a fatal Kafka client error, a table reader
/// that stopped — ends the group, and the process exits 1.
package enum StageHost {
    /// The body of a stage: runs until the process stops (``StageShutdown``), then drains and
    /// returns; returning or throwing earlier stops the process.
    package typealias Body = @Sendable (StageContext) async throws -> Void
    /// The remote checks of `--check-config`: one message per problem (empty = all good).
    package typealias Check = @Sendable (StageContext) async -> [String]
    /// The series a stage exposes on `/metrics` from its start (see ``StageSeries``).
    package typealias Series = @Sendable (StageContext) -> StageSeries

    /// Runs the stage and returns its exit code (see ``StageExitCode``).
    /// - Parameters:
    ///   - listeners: extra HTTP listeners (jira-poller's webhook), each on its own address and port.
    ///   - series: the series the stage exposes on `/metrics` from its start.
    ///   - check: the remote checks of `--check-config`.
    ///   - body: the stage itself; runs until the process stops (SIGTERM/SIGINT).
    ///   - crashPoints: the crash points of a fault-injection build (tests); none in production.
    package static func run(
        stage: String, options: StageOptions, environment: [String: String] = ProcessInfo.processInfo.environment,
        listeners: [StageListener] = [], series: @escaping Series, check: @escaping Check,
        crashPoints: CrashPoints = .none, body: @escaping Body
    ) async -> Int32 {
        await run(
            stages: [StageDefinition(name: stage, series: series, check: check, body: body)], options: options,
            environment: environment, listeners: listeners, crashPoints: crashPoints)
    }

    /// Runs several stages in one process (one health/metrics endpoint, one readiness set) and
    /// returns the exit code: the first failure — or a stage ending on its own — stops them all.
    /// - Parameters:
    ///   - kafkaOverride: brokers to use instead of `--brokers`/`KAFKA_BROKERS` (an embedded dev broker).
    ///   - listeners: extra HTTP listeners (jira-poller's webhook), each on its own address and port.
    ///   - crashPoints: the crash points of a fault-injection build (tests); none in production.
    package static func run(
        stages: [StageDefinition], options: StageOptions,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        kafkaOverride: [String]? = nil, listeners: [StageListener] = [], crashPoints: CrashPoints = .none
    ) async -> Int32 {
        StageLogging.bootstrap(environment: environment)
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets[StageMetricName.endToEndDelay] = [
            .seconds(1), .seconds(5), .seconds(15), .seconds(30), .seconds(60), .seconds(120), .seconds(300),
            .seconds(600), .seconds(1800), .seconds(3600),
        ]
        MetricsSystem.bootstrap(factory)
        let hostName = StageContext.processName(hosting: stages.map(\.name))
        let hostLogger = Logger(label: hostName)

        let health = StageHealth()
        let contexts: [StageContext]
        let port: Int
        let drainTimeout: Duration
        do {
            let configuration = try SyncConfiguration.load(path: options.configPath(environment: environment))
            let brokers = try kafkaOverride ?? options.brokerList(environment: environment)
            // The embedded dev broker speaks plaintext only.
            let security = kafkaOverride == nil ? try KafkaSecuritySettings(environment: environment).properties : [:]
            port = try options.port(environment: environment)
            drainTimeout = try options.drainTimeout(environment: environment)
            let readiness = Readiness()
            contexts = stages.map { stage in
                var logger = Logger(label: stage.name)
                logger[metadataKey: "stage"] = "\(stage.name)"
                return StageContext(
                    stage: stage.name, logger: logger,
                    kafka: StageKafka(brokers: brokers, clientID: stage.name, additionalProperties: security, health: health),
                    configuration: configuration, environment: environment, readiness: readiness,
                    crashPoints: crashPoints, hostedStages: stages.map(\.name))
            }
        } catch {
            printProblems(["\(error)"])
            return StageExitCode.configuration
        }

        if options.checkConfig {
            var problems: [String] = []
            for (stage, context) in zip(stages, contexts) {
                let found = await stage.check(context)
                problems += stages.count == 1 ? found : found.map { "\(stage.name): \($0)" }
            }
            if problems.isEmpty {
                print("configuration OK")
                return StageExitCode.success
            }
            printProblems(problems)
            return StageExitCode.configuration
        }

        for (stage, context) in zip(stages, contexts) {
            stage.series(context).register(stage: stage.name)
        }
        let server = StageHTTPServer(
            host: options.host(environment: environment), port: port, readiness: contexts[0].readiness, health: health,
            registry: registry, logger: hostLogger)
        let stagesService = StagesService(
            members: zip(stages, contexts).map { StagesService.Member(definition: $0, context: $1) }, logger: hostLogger,
            drainTimeout: drainTimeout)
        // Shut down in reverse: the stages first (they drain), the endpoint last. Explicit names:
        // the default one describes the service's fields, the environment (secrets) among them.
        var configuration = ServiceGroupConfiguration(
            services: [
                .init(service: server, serviceName: "http-endpoint"),
            ] + listeners.map { listener in
                .init(service: listener.service(logger: hostLogger), serviceName: "\(listener.metadataPrefix)-endpoint")
            } + [
                .init(service: KafkaReadinessProbe(context: contexts[0]), serviceName: "kafka-readiness"),
                .init(service: StageHealthWatch(health: health), serviceName: "health-watch"),
                .init(service: stagesService, serviceName: hostName),
            ],
            gracefulShutdownSignals: [.sigterm, .sigint], cancellationSignals: [], logger: hostLogger)
        let phases = StopPhases(drainTimeout: drainTimeout)
        configuration.maximumGracefulShutdownDuration = phases.graceful
        configuration.maximumCancellationDuration = phases.cancellation
        do {
            try await ServiceGroup(configuration: configuration).run()
            hostLogger.info("stopped")
            return StageExitCode.success
        } catch let error as StageError {
            hostLogger.error("stopped: \(error)")
            if case .configuration = error { return StageExitCode.configuration }
            return StageExitCode.failure
        } catch is CancellationError {
            hostLogger.info("stopped")
            return StageExitCode.success
        } catch {
            hostLogger.error("failed: \(error)")
            return StageExitCode.failure
        }
    }

    /// Prints configuration problems, one per line, to stderr.
    package static func printProblems(_ problems: [String]) {
        for problem in problems {
            FileHandle.standardError.write(Data("error: \(problem)\n".utf8))
        }
    }
}
