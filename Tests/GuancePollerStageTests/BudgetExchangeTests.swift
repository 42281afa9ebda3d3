import AsyncHTTPClient
import Foundation
import GuanceAPI
import Kafka
import KafkaMock
import Logging
import StageRuntime
import SyncCore
import Testing

@testable import StageClients

/// Two users of one Guance key in "separate processes" (separate limiters, as two stage
/// processes have) exchanging budget over `sync.budget.v1` on the mock cluster (real Kafka
/// protocol over TCP). Windows and loans are scaled down to seconds; the limiter's arithmetic is
/// covered on a manual clock by `RateLimiterLendingTests`.
@Suite("Budget lending between stages sharing a Guance key")
struct BudgetExchangeTests {
    fileprivate static let logger: Logger = {
        var logger = Logger(label: "budget-exchange-tests") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = ProcessInfo.processInfo.environment["TEST_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .error
        return logger
    }()

    fileprivate static func cluster() throws -> KafkaMockCluster {
        let cluster = try KafkaMockCluster(brokers: 1, logger: logger)
        try cluster.createTopic(SyncTopic.budget.name, partitions: 1)
        return cluster
    }

    /// A client of `key` (the shared one by default) with its own limiter (`requests` per `window`).
    private static func client(requests: Int, window: Duration, key: String = "shared-test-key") -> GuanceClient {
        let configuration = GuanceClientConfiguration(
            baseURL: "http://127.0.0.1:9", apiKey: GuanceAPIKey(key),
            rateLimit: GuanceRateLimitPolicy(requestsPerWindow: requests, window: window, safetyMargin: .milliseconds(100)),
            rateLimiterRegistry: GuanceRateLimiterRegistry())
        return GuanceClient(httpClient: HTTPClient.shared, configuration: configuration, logger: logger)
    }

    fileprivate static func settings(loan: Duration) -> GuanceBudgetExchange.Settings {
        var settings = GuanceBudgetExchange.Settings()
        settings.tick = .milliseconds(100)
        settings.loanDuration = loan
        settings.clockMargin = .milliseconds(200)
        return settings
    }

    /// Waits until `condition` holds; a generous deadline, since a loaded machine only slows it.
    private static func eventually(_ what: String, timeout: Duration = .seconds(60), _ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while !condition() {
            guard ContinuousClock.now < deadline else {
                Issue.record("not reached: \(what)")
                return
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// The budget topic on a mock cluster, one producer, and exchanges started on it.
    private struct Bus {
        let cluster: KafkaMockCluster
        let kafka: StageKafka
        let producer: KafkaProducer

        init(health: StageHealth = StageHealth()) throws {
            cluster = try BudgetExchangeTests.cluster()
            kafka = StageKafka(brokers: [cluster.bootstrapServers], clientID: "budget-test", health: health)
            producer = try KafkaProducer(configuration: kafka.producer, logger: BudgetExchangeTests.logger)
        }

        /// Starts `stage`'s exchange for `client` on `host`, with loans of `loan`.
        func start(_ stage: String, _ client: GuanceClient, host: String, loan: Duration) -> Task<Void, Never> {
            let exchange = GuanceBudgetExchange(
                stage: stage, client: client, producer: producer, settings: BudgetExchangeTests.settings(loan: loan), host: host,
                logger: BudgetExchangeTests.logger)
            let kafka = kafka
            return Task { await exchange.run(kafka: kafka) }
        }

        /// Stops `exchanges` and the producer.
        func stop(_ exchanges: [Task<Void, Never>]) async {
            for task in exchanges { task.cancel() }
            for task in exchanges { await task.value }
            await producer.shutdown()
        }
    }

    @Test("an idle writer lends its share beyond its reserve to the poller that wants more; the loan runs on while wanted and lapses when not")
    func lendsAndLapses() async throws {
        let bus = try Bus()
        let poller = Self.client(requests: 14, window: .seconds(2))
        let writer = Self.client(requests: 3, window: .seconds(2))
        // Loans of 4 s: long enough for a loaded machine to deliver each record well within it.
        let running = [
            bus.start("guance-poller", poller, host: "host-a", loan: .seconds(4)),
            bus.start("guance-writer", writer, host: "host-b", loan: .seconds(4)),
        ]

        poller.rateLimiter.reportBacklog(10)
        try await Self.eventually("the poller borrowed the writer's idle 2") { poller.rateLimitStatus().remaining == 16 }
        #expect(writer.rateLimitStatus().remaining == 1, "the writer keeps its reserve")
        #expect(writer.rateLimiter.lendingState().lent == 2)
        #expect(poller.rateLimiter.lendingState().wanted == 10, "and the poller lends nothing while it wants")
        // Loans last 4 s; the poller still has 16 after more than a loan's span: the loan runs on.
        try await Task.sleep(for: .seconds(6))
        #expect(poller.rateLimitStatus().remaining == 16)

        poller.rateLimiter.reportBacklog(0)
        try await Self.eventually("the loan lapsed and the writer has its share back") {
            poller.rateLimitStatus().remaining <= 14 && writer.rateLimitStatus().remaining == 3
        }
        await bus.stop(running)
    }

    @Test("a reader of the budget topic that fails turns lending off without failing the stage")
    func readerFailureIsNotFatal() async throws {
        let health = StageHealth()
        let bus = try Bus(health: health)
        let writer = Self.client(requests: 3, window: .seconds(2))
        let running = bus.start("guance-writer", writer, host: "host-b", loan: .seconds(4))
        try await Task.sleep(for: .seconds(1))
        // Every fetch from now on is refused: the reader of sync.budget.v1 cannot continue.
        bus.cluster.pushRequestErrors(apiKey: 1, errorCodes: Array(repeating: 29, count: 20))
        try await Task.sleep(for: .seconds(5))
        #expect(health.isHealthy, "the stage's health: \(health.report)")
        #expect(writer.rateLimiter.lendingState().lent == 0)
        await bus.stop([running])
    }

    @Test("a restarted process counts the requests its predecessor (same stage, same host) sent in the current window, for its own key and a pool key; another stage does not")
    func restartCountsPredecessorsRequests() async throws {
        let bus = try Bus()
        let window = Duration.seconds(60)
        let (primary, pool) = (Self.client(requests: 14, window: window), Self.client(requests: 20, window: window, key: "pool-key"))
        for _ in 0..<5 { try await primary.rateLimiter.acquire() }
        for _ in 0..<3 { try await pool.rateLimiter.acquire() }
        let before = GuanceBudgetExchange(
            stage: "guance-poller", client: primary, others: [pool], producer: bus.producer, settings: Self.settings(loan: .seconds(4)),
            host: "host-a", logger: Self.logger)
        let kafka = bus.kafka
        let first = Task { await before.run(kafka: kafka) }
        await before.reportUsage()  // what a stop does, before the producer's shutdown flushes it
        first.cancel()
        await first.value
        try await bus.producer.flush(timeout: .seconds(30))

        func restarted(_ stage: String, _ clients: [GuanceClient]) async -> Task<Void, Never> {
            let exchange = GuanceBudgetExchange(
                stage: stage, client: clients[0], others: Array(clients.dropFirst()), producer: bus.producer,
                settings: Self.settings(loan: .seconds(4)), host: "host-a", logger: Self.logger)
            let (ready, signal) = AsyncStream<Void>.makeStream()
            let task = Task { await exchange.run(kafka: kafka) { signal.finish() } }
            for await _ in ready {}
            return task
        }
        let (primaryAgain, poolAgain) = (Self.client(requests: 14, window: window), Self.client(requests: 20, window: window, key: "pool-key"))
        let writer = Self.client(requests: 14, window: window)
        let running = [await restarted("guance-poller", [primaryAgain, poolAgain]), await restarted("guance-writer", [writer])]
        #expect(primaryAgain.rateLimitStatus().remaining == 9, "the predecessor's 5 requests count")
        #expect(poolAgain.rateLimitStatus().remaining == 17, "and its 3 on the pool key")
        #expect(writer.rateLimitStatus().remaining == 14, "another stage's process counts none of them")
        await bus.stop(running)
    }

    @Test("a lender restarted while its loan runs — in a recreated container, with a new host name — keeps its capacity lowered for it; another stage does not")
    func restartKeepsLoan() async throws {
        let bus = try Bus()
        let poller = Self.client(requests: 14, window: .seconds(2))
        let writer = Self.client(requests: 3, window: .seconds(2))
        let pollerTask = bus.start("guance-poller", poller, host: "host-a", loan: .seconds(60))
        let writerTask = bus.start("guance-writer", writer, host: "host-b", loan: .seconds(60))
        poller.rateLimiter.reportBacklog(10)
        try await Self.eventually("the poller borrowed") { poller.rateLimitStatus().remaining == 16 }
        writerTask.cancel()
        await writerTask.value
        poller.rateLimiter.reportBacklog(0)  // nobody wants more: whatever is lent from now on is a restored loan

        // The writer's process restarts: a fresh limiter, a new participant, the same stage on a new host.
        let restarted = Self.client(requests: 3, window: .seconds(2))
        let elsewhere = Self.client(requests: 3, window: .seconds(2))
        let others = [
            bus.start("guance-writer", restarted, host: "host-b2", loan: .seconds(60)),
            bus.start("jira-writer", elsewhere, host: "host-c", loan: .seconds(60)),
        ]
        try await Self.eventually("the restarted writer found its loan") { restarted.rateLimiter.lendingState().lent == 2 }
        #expect(restarted.rateLimitStatus().remaining == 1)
        #expect(poller.rateLimitStatus().remaining == 16, "the borrowed requests stay usable until the loan's end")
        try await Task.sleep(for: .seconds(1))
        #expect(elsewhere.rateLimiter.lendingState().lent == 0, "another stage did not make the loan")
        #expect(elsewhere.rateLimitStatus().remaining == 3)
        await bus.stop(others + [pollerTask])
    }
}

@Suite("Budget lending: whom to lend to")
struct BudgetLendingPlannerTests {
    private let planner = BudgetLendingPlanner(staleAfter: 15)

    private func peer(_ stage: String, wanted: Int, at: Double = 100, id: String? = nil) -> BudgetRecord.State {
        BudgetRecord.State(
            key: "k", participant: id ?? "\(stage)@h#1", stage: stage,
            priority: BudgetLendingPlanner.priority(ofStage: stage), idle: 0, wanted: wanted, at: at)
    }

    @Test("guance-poller first, then guance-writer, jira-writer's back-links last; ties to whoever wants most")
    func order() {
        let peers = [peer("jira-writer", wanted: 9), peer("guance-writer", wanted: 1), peer("guance-poller", wanted: 4)]
        #expect(planner.loan(idle: 6, wanted: 0, peers: peers, lending: [], now: 100)! == ("guance-poller@h#1", 4))
        #expect(planner.loan(idle: 6, wanted: 0, peers: peers, lending: ["guance-poller@h#1"], now: 100)! == ("guance-writer@h#1", 1))
        let replicas = [peer("guance-writer", wanted: 1, id: "a"), peer("guance-writer", wanted: 3, id: "b")]
        #expect(planner.loan(idle: 2, wanted: 0, peers: replicas, lending: [], now: 100)! == ("b", 2))
    }

    @Test("nothing is lent while the lender wants, when it has nothing idle, or to stale or content peers")
    func refusals() {
        let wanting = [peer("guance-poller", wanted: 4)]
        #expect(planner.loan(idle: 3, wanted: 1, peers: wanting, lending: [], now: 100) == nil)
        #expect(planner.loan(idle: 0, wanted: 0, peers: wanting, lending: [], now: 100) == nil)
        #expect(planner.loan(idle: 3, wanted: 0, peers: wanting, lending: [], now: 116) == nil, "a report 16 s old")
        #expect(planner.loan(idle: 3, wanted: 0, peers: [peer("guance-poller", wanted: 0)], lending: [], now: 100) == nil)
    }
}
