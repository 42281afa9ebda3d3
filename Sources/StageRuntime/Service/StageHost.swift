import Foundation
import Hummingbird
import Kafka
import Logging
import Metrics
import ProcessSupport
import Prometheus
import SyncCore

/// Runs one stage executable: logging and metrics set-up, configuration loading and
/// `--check-config`, the health/metrics endpoint, a Kafka readiness probe, and a graceful stop
/// on SIGTERM/SIGINT (the body's task is cancelled and awaited, so writers drain and commit).
public enum StageHost {
    /// The body of a stage: runs until its task is cancelled.
    public typealias Body = @Sendable (StageContext) async throws -> Void
    /// The remote checks of `--check-config`: one message per problem (empty = all good).
    public typealias Check = @Sendable (StageContext) async -> [String]
    /// The series a stage exposes on `/metrics` from its start (see ``StageSeries``).
    public typealias Series = @Sendable (StageContext) -> StageSeries

    /// Runs the stage and returns its exit code (see ``StageExitCode``).
    /// - Parameters:
    ///   - routes: extra HTTP routes served next to `/healthz`, `/readyz` and `/metrics`.
    ///   - series: the series the stage exposes on `/metrics` from its start.
    ///   - check: the remote checks of `--check-config`.
    ///   - body: the stage itself; runs until cancelled (SIGTERM/SIGINT).
    public static func run(
        stage: String, options: StageOptions, environment: [String: String] = ProcessInfo.processInfo.environment,
        routes: @escaping StageHTTPServer.Routes = { _ in }, series: @escaping Series, check: @escaping Check,
        body: @escaping Body
    ) async -> Int32 {
        await run(
            stages: [StageDefinition(name: stage, series: series, check: check, body: body)], options: options,
            environment: environment, routes: routes)
    }

    /// Runs several stages in one process (one health/metrics endpoint, one readiness set) and
    /// returns the exit code: the first failure stops them all.
    /// - Parameters:
    ///   - kafkaOverride: brokers to use instead of `--brokers`/`KAFKA_BROKERS` (an embedded dev broker).
    public static func run(
        stages: [StageDefinition], options: StageOptions,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        kafkaOverride: [String]? = nil, routes: @escaping StageHTTPServer.Routes = { _ in }
    ) async -> Int32 {
        StageLogging.bootstrap(environment: environment)
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets[StageMetricName.endToEndDelay] = [
            .seconds(1), .seconds(5), .seconds(15), .seconds(30), .seconds(60), .seconds(120), .seconds(300),
            .seconds(600), .seconds(1800), .seconds(3600),
        ]
        MetricsSystem.bootstrap(factory)
        let hostName = stages.count == 1 ? stages[0].name : "syncctl-run"
        let hostLogger = Logger(label: hostName)

        let contexts: [StageContext]
        let port: Int
        do {
            let configuration = try SyncConfiguration.load(path: options.configPath(environment: environment))
            let brokers = try kafkaOverride ?? options.brokerList(environment: environment)
            port = try options.port(environment: environment)
            let readiness = Readiness()
            contexts = stages.map { stage in
                var logger = Logger(label: stage.name)
                logger[metadataKey: "stage"] = "\(stage.name)"
                return StageContext(
                    stage: stage.name, logger: logger, kafka: StageKafka(brokers: brokers, clientID: stage.name),
                    configuration: configuration, environment: environment, readiness: readiness)
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
        let signals = TerminationSignals()
        let server = StageHTTPServer(
            port: port, readiness: contexts[0].readiness, registry: registry, logger: hostLogger, routes: routes)
        let serverTask = Task { try await server.run() }
        let probeTask = Task { await probeKafka(contexts[0]) }
        let bodyTask = Task {
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (stage, context) in zip(stages, contexts) {
                    group.addTask { try await stage.body(context) }
                }
                // The first stage to fail (or to return) stops the others.
                defer { group.cancelAll() }
                try await group.next()
                try await group.waitForAll()
            }
        }
        let stopper = Task {
            if let signal = await signals.wait() {
                hostLogger.info("stopping", metadata: ["signal": "\(signal)"])
                bodyTask.cancel()
            }
        }
        let result = await bodyTask.result
        stopper.cancel()
        probeTask.cancel()
        serverTask.cancel()
        _ = await serverTask.result
        switch result {
        case .success:
            hostLogger.info("stopped")
            return StageExitCode.success
        case .failure(let error as StageError):
            hostLogger.error("stopped: \(error)")
            if case .configuration = error { return StageExitCode.configuration }
            return StageExitCode.failure
        case .failure(is CancellationError):
            return StageExitCode.success
        case .failure(let error):
            hostLogger.error("failed: \(error)")
            return StageExitCode.failure
        }
    }

    /// Prints configuration problems, one per line, to stderr.
    public static func printProblems(_ problems: [String]) {
        for problem in problems {
            FileHandle.standardError.write(Data("error: \(problem)\n".utf8))
        }
    }

    /// Keeps the `kafka` readiness check current: the cluster answers and has every topic.
    private static func probeKafka(_ context: StageContext) async {
        context.readiness.set("kafka", ready: false, detail: "not checked yet")
        guard let admin = try? KafkaAdmin(configuration: context.kafka.client, logger: context.logger) else {
            context.readiness.set("kafka", ready: false, detail: "client could not be created")
            return
        }
        let needed = Set(SyncTopic.allCases.map(\.name))
        while !Task.isCancelled {
            do {
                let topics = Set(try await admin.listTopics().map(\.name))
                let missing = needed.subtracting(topics)
                context.readiness.set(
                    "kafka", ready: missing.isEmpty,
                    detail: missing.isEmpty ? "" : "missing topics \(missing.sorted().joined(separator: ","))")
            } catch {
                context.readiness.set("kafka", ready: false, detail: "unreachable")
            }
            try? await Task.sleep(for: .seconds(10))
        }
        await admin.shutdown()
    }
}
