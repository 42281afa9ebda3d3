import GuanceAPI
import Kafka
import StageClients
import StageRuntime
import SyncCore

/// The guance-writer stage: consumes `jira.events.v1` and applies human Jira comments (create,
/// edit, delete), status, assignee and priority changes to the linked Guance issues, exactly once,
/// within its share of the Guance key's request budget.
package enum GuanceWriterStage {
    /// The executable name.
    package static let name = "guance-writer"

    /// The stage as a host runs it (its executable, or `syncctl run` with the other three).
    package static let definition = StageDefinition(name: name, series: series, check: check, body: { try await run($0) })

    /// The series guance-writer exposes on `/metrics` from its start.
    package static func series(_ context: StageContext) -> StageSeries {
        StageSeries(
            role: .writer(
                consumes: .jiraEvents, effects: GuanceEventHandler.Effect.all,
                deadLetterReasons: DeadLetterCode.guanceWriter),
            apis: [.guance])
    }

    /// The remote checks of `--check-config`: the settings parse and Guance accepts the API key.
    package static func check(_ context: StageContext) async -> [String] {
        var problems: [String] = []
        do {
            _ = try GuanceWriterSettings(environment: context.environment)
            let guance = try StageClients.guance(context)
            try await guance.validateKey()
        } catch let error as GuanceAPIError {
            problems.append("Guance: \(error.kind == .invalidAPIKey ? "the API key was refused" : "\(error)")")
        } catch {
            problems.append("\(error)")
        }
        return problems
    }

    /// Runs until the process stops (``StageShutdown``), then drains in-flight events and commits.
    /// - Parameter group: the consumer group (`--group`); else `SYNC_CONSUMER_GROUP`, else the default.
    package static func run(_ context: StageContext, group: String? = nil) async throws {
        let settings = try GuanceWriterSettings(environment: context.environment, group: group)
        let guance = try StageClients.guance(context)
        let logger = context.logger
        let producer = try KafkaProducer(configuration: context.kafka.producer, logger: logger)
        let gate = GuanceKeyGate(readiness: context.readiness)
        gate.unknown("not checked yet")
        // Before the first Guance request: the predecessor's requests of the last minute count.
        let sharing = await StageClients.shareBudget(context, client: guance, producer: producer)
        var cleanups: [@Sendable () async -> Void] = [{ await sharing.stop() }, { await producer.shutdown() }]
        var failure: (any Error)?
        do {
            let links = try await LinkStore(kafka: context.kafka, producer: producer, logger: logger)
            cleanups.insert({ await links.close() }, at: 0)
            let ledger = try await StatusLedger(kafka: context.kafka, producer: producer, logger: logger)
            cleanups.insert({ await ledger.close() }, at: 0)
            try await links.catchUp()
            await probeKey(guance, gate: gate, settings: settings, context: context)
            let watcher = Task { await watchKey(guance, gate: gate, settings: settings, context: context) }
            cleanups.insert({ watcher.cancel() }, at: 0)
            let users = UserDirectory(mapping: context.configuration.users, guance: guance, jira: nil, logger: logger)
            let handler = GuanceEventHandler(
                guance: guance, links: links, ledger: ledger,
                configuration: context.configuration, settings: settings, gate: gate, crashPoints: context.crashPoints,
                logger: logger, users: users
            )
            let loop = WriterLoop(
                settings: WriterLoop.Settings(
                    stage: name, group: settings.group, topics: [.jiraEvents], retryFor: settings.retryFor),
                kafka: context.kafka, handler: handler,
                deadLetters: DeadLetterPublisher(producer: producer, stage: name, logger: logger),
                readiness: context.readiness, logger: logger
            )
            try await loop.run()
        } catch {
            failure = error
        }
        for cleanup in cleanups { await cleanup() }
        if let failure { throw failure }
    }

    /// Keeps readiness `guance` honest while no event calls Guance: re-checks the key every minute for
    /// as long as Guance could not be asked (each check is one request of the budget).
    private static func watchKey(
        _ guance: GuanceClient, gate: GuanceKeyGate, settings: GuanceWriterSettings, context: StageContext
    ) async {
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(60))
            if !Task.isCancelled, gate.isUnanswered {
                await probeKey(guance, gate: gate, settings: settings, context: context)
            }
        }
    }

    /// Asks Guance once whether the key works, so `/readyz` tells the truth before the first event.
    private static func probeKey(
        _ guance: GuanceClient, gate: GuanceKeyGate, settings: GuanceWriterSettings, context: StageContext
    ) async {
        do {
            try await guance.validateKey()
            gate.accepted()
        } catch let error as GuanceAPIError where error.kind == .invalidAPIKey {
            gate.refused(for: settings.maximumRetrySeconds, reason: "\(error)")
            context.logger.critical("Guance refused the API key: events wait for the operator")
        } catch {
            if StageShutdown.isRequested { return }
            gate.unknown("Guance not reachable: \(error)")
            context.logger.warning("Guance key check failed: \(error)")
        }
    }
}
