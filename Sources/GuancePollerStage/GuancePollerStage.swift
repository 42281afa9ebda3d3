import Foundation
import GuanceAPI
import Kafka
import StageClients
import StageRuntime

/// The `guance-poller` stage: finds new and changed Guance issues and their human replies in the
/// configured channels and publishes them as normalized events to `guance.events.v1`.
///
/// Strategy (see `docs/stages/guance-poller.md`): a windowed issue list every poll interval from
/// the checkpoint's cursor minus the overlap, a periodic sweep without a window, and reply-list
/// reads planned within the request budget (changed issues first, quiet ones on a back-off). A
/// checkpoint in `sync.checkpoints.v1` is written only after the events are acknowledged.
package enum GuancePollerStage {
    /// The executable and stage name.
    package static let name = "guance-poller"
    /// The readiness check reporting whether Guance answers.
    package static let readinessCheck = "guance"

    /// The remote checks of `--check-config`: the budget and key id settings, the API key works,
    /// and every configured channel exists. One message per problem.
    package static func check(_ context: StageContext) async -> [String] {
        var problems: [String] = []
        let ownKeys = context.environment[PollerSettings.ownKeyIDsVariable] ?? ""
        for id in ownKeys.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) })
        where !id.isEmpty && !id.hasPrefix("wsak_") {
            problems.append("\(PollerSettings.ownKeyIDsVariable): \(id) is not a Guance API key id (wsak_…)")
        }
        let pool: GuanceClientPool
        do {
            pool = try StageClients.guancePool(context)
        } catch {
            return problems + ["\(error)"]
        }
        let client = pool.primary
        do {
            try await client.validateKey()
        } catch {
            return problems + ["Guance API key refused or Guance unreachable at \(context.configuration.guance.baseURL): \(error)"]
        }
        for (index, member) in pool.clients.enumerated().dropFirst() {
            do {
                try await member.validateKey()
            } catch {
                problems.append("\(StageClients.poolKeysVariable): key \(index) (\(member.configuration.apiKey.fingerprint)) refused: \(error)")
            }
        }
        do {
            let available = try await client.channels()
            problems += ChannelSelection(configured: context.configuration.guance.channels, available: available).problems
        } catch {
            problems.append("Guance channel list (channel/quick_list) failed: \(error)")
        }
        return problems
    }

    /// The series guance-poller exposes on `/metrics` from its start.
    package static func series(_ context: StageContext) -> StageSeries {
        StageSeries(role: .poller(publishes: .guanceEvents), apis: [.guance])
    }

    /// Runs the poller until the process stops; a publish under way and its checkpoint are
    /// finished first (see ``PollerEngine``).
    /// - Throws: ``StageError/configuration(_:)`` for missing credentials or channels; Kafka
    ///   errors that make running pointless (missing topics, a fatal client error).
    package static func run(_ context: StageContext) async throws {
        let pool = try StageClients.guancePool(context)
        let budget = pool.configuredRequestsPerWindow
        let settings = PollerSettings(context: context, requestsPerMinute: budget)
        context.readiness.set(readinessCheck, ready: false, detail: "not polled yet")
        let producer = try KafkaProducer(configuration: context.kafka.producer, logger: context.logger)
        // Before the first Guance request: the predecessor's requests of the last minute count.
        let sharing = await StageClients.shareBudget(context, client: pool.primary, others: Array(pool.clients.dropFirst()), producer: producer)
        let channels: [ChannelSelection.Channel]
        do {
            channels = try await resolveChannels(settings.channels, client: pool.primary, context: context)
        } catch {
            await sharing.stop()
            await producer.shutdown()
            throw error
        }
        if pool.clients.count > 1 {
            context.logger.info("reading Guance with a key pool", metadata: [
                "keys": "\(pool.clients.count)", "requests_per_minute": "\(budget)",
            ])
        }
        let policy = GuancePollerPolicy(settings: settings, pool: pool, channels: channels, context: context)
        do {
            try await PollerEngine(policy: policy, context: context, producer: producer).run()
        } catch {
            await sharing.stop()
            await producer.shutdown()
            if error is CancellationError { return }
            throw error
        }
        await sharing.stop()
        await producer.shutdown()
    }

    /// Resolves the configured channels, retrying while Guance cannot be reached.
    private static func resolveChannels(
        _ configured: [String], client: GuanceClient, context: StageContext
    ) async throws -> [ChannelSelection.Channel] {
        while true {
            do {
                let selection = ChannelSelection(configured: configured, available: try await client.channels())
                guard selection.problems.isEmpty else {
                    throw StageError.configuration(selection.problems.joined(separator: "; "))
                }
                return selection.channels
            } catch let error as GuanceAPIError {
                if error.kind == .invalidAPIKey {
                    throw StageError.configuration("Guance refused the API key (GUANCE_API_KEY): \(error)")
                }
                context.readiness.set(readinessCheck, ready: false, detail: "channel list failed")
                context.logger.warning("Guance channel list failed; retrying", metadata: ["error": "\(error)"])
                try await StageShutdown.sleep(for: .seconds(5))
            }
        }
    }
}
