import GuanceAPI
import Kafka
import StageRuntime
import Synchronization

/// A stage's running ``GuanceBudgetExchange`` (``StageClients/shareBudget(_:client:others:producer:)``).
package struct BudgetSharing: Sendable {
    fileprivate let exchange: GuanceBudgetExchange?
    fileprivate let task: Task<Void, Never>?

    /// Reports the current window's usage one last time (a successor counts it) and stops. Loans
    /// run out on their own: nobody uses a lender's capacity after it stops.
    package func stop() async {
        await exchange?.reportUsage()
        task?.cancel()
        await task?.value
    }
}

extension StageClients {
    /// Keys of this process that already have an exchange (`syncctl run` hosts several stages
    /// that share one limiter per key: one exchange, named after the process, speaks for all of them),
    /// each with the gate that opens once the exchange restored the predecessor's usage.
    private static let exchangedKeys = Mutex<[String: RestoreGate]>([:])

    /// How long a start waits for its predecessor's usage before it sends anything anyway.
    static let usageRestoreTimeout: Duration = .seconds(15)

    /// Starts `client`'s budget exchange (with `others`, guance-poller's pool keys, for usage only)
    /// and returns once the predecessor's requests are counted, so the stage's first requests cannot
    /// exceed the key's window; lends when `guance.lendBudget` is on. One exchange per key and
    /// process, named after the process (``StageRuntime/StageContext/processName``): in `syncctl run`
    /// the stage that comes second finds its key exchanged already, and its pool keys (`others`)
    /// get an exchange of their own.
    package static func shareBudget(
        _ context: StageContext, client: GuanceClient, others: [GuanceClient] = [], producer: KafkaProducer
    ) async -> BudgetSharing {
        let key = client.configuration.apiKey.fingerprint
        let gate = RestoreGate()
        let existing: RestoreGate? = exchangedKeys.withLock { gates in
            if let existing = gates[key] { return existing }
            gates[key] = gate
            return nil
        }
        if let existing {
            // Another stage of this process runs the key's exchange: its limiter is this stage's too,
            // so wait until the predecessor's usage is counted in it, as that stage does.
            await existing.wait()
            guard let next = others.first else { return BudgetSharing(exchange: nil, task: nil) }
            return await shareBudget(context, client: next, others: Array(others.dropFirst()), producer: producer)
        }
        var settings = GuanceBudgetExchange.Settings()
        settings.lends = context.configuration.guance.lendBudget
        let exchange = GuanceBudgetExchange(
            stage: context.processName, client: client, others: others, producer: producer, settings: settings,
            logger: context.logger)
        let kafka = context.kafka
        let (ready, signal) = AsyncStream<Void>.makeStream()
        let task = Task {
            await exchange.run(kafka: kafka) { signal.finish() }
            signal.finish()
            exchangedKeys.withLock { _ = $0.removeValue(forKey: key) }
        }
        let timeout = Task {
            try? await Task.sleep(for: usageRestoreTimeout)
            signal.finish()
        }
        for await _ in ready {}
        timeout.cancel()
        gate.open()
        return BudgetSharing(exchange: exchange, task: task)
    }
}
