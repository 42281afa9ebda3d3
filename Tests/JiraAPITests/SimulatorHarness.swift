import APICore
import Foundation
import JiraAPI
import JiraSimulator
import Logging

/// Runs a ``JiraSimulator`` on an ephemeral loopback port and a ``JiraClient`` logged in as its
/// sync account, for end-to-end tests over real HTTP.
enum SimulatorHarness {
    /// The simulator's default sync account.
    static let syncEmail = "sync@example.com"
    static let syncToken = "sync-token"

    /// Starts a simulator of `flavor`, hands a client to `body`, and stops the simulator afterwards.
    static func withSimulator<Result: Sendable>(
        _ flavor: JiraFlavor,
        configure: (inout JiraSimulatorOptions) -> Void = { _ in },
        sleeper: (any APIClock)? = nil,
        maximumRetries: Int = 4,
        _ body: (JiraSimulator, JiraClient) async throws -> Result
    ) async throws -> Result {
        var options = JiraSimulatorOptions(flavour: flavor == .cloud ? .cloud : .dataCenter)
        configure(&options)
        var logger = Logger(label: "jira-sim-e2e")
        logger.logLevel = .critical
        let simulator = JiraSimulator(options: options, logger: logger)
        let url = try await simulator.start()
        let credentials: JiraCredentials =
            flavor == .cloud ? .basic(email: syncEmail, apiToken: syncToken) : .bearer(token: syncToken)
        let policy = JiraRetryPolicy(maximumRetries: maximumRetries, jitter: 1.0...1.0)
        let configuration = JiraClientConfiguration(
            baseURL: url.absoluteString, credentials: credentials, flavor: .detect, retryPolicy: policy,
            requestTimeout: .seconds(10), clock: sleeper ?? SimulatorClockSleeper(simulator: simulator))
        let client = JiraClient(configuration: configuration, logger: logger)
        do {
            let result = try await body(simulator, client)
            await simulator.stop()
            return result
        } catch {
            await simulator.stop()
            throw error
        }
    }
}

/// A clock that moves the simulator's clock instead of waiting, so rate-limit windows pass at once.
struct SimulatorClockSleeper: APIClock {
    let simulator: JiraSimulator

    func now() -> ContinuousClock.Instant { ContinuousClock.now }

    func sleep(until deadline: ContinuousClock.Instant) async throws {
        try await sleep(for: deadline - now())
    }

    func sleep(for duration: Duration) async throws {
        simulator.advanceClock(by: duration)
        await Task.yield()
    }
}
