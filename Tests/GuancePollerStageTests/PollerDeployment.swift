import Foundation
import PipelineTesting
import RichText
import SyncCore

/// A test deployment for guance-poller: dev broker, simulators (with a chosen Guance request
/// limit and behaviour) and the poller executable, all separate processes.
final class PollerDeployment: Sendable {
    let deployment: TestDeployment
    let guance: GuanceSimulatorControl
    let topic: EventTopicReader
    let configurationPath: String
    let requestsPerMinute: Int

    /// Starts the broker and the simulators.
    /// - Parameters:
    ///   - requestsPerMinute: the Guance per-key limit of the simulator and the poller's budget
    ///     (the same on both sides: the poller must never be throttled).
    ///   - behaviour: simulator behaviour overrides (e.g. `timeWindowField`).
    ///   - pollIntervalSeconds: the configured poll interval.
    ///   - guanceSettings: more `guance:` settings of the configuration file (YAML scalars).
    init(
        requestsPerMinute: Int, behaviour: [String: JSONValue] = [:], pollIntervalSeconds: Int = 1,
        guanceSettings: [String: String] = [:], simulatorArguments: [String] = []
    ) async throws {
        var arguments = ["--guance-requests-per-minute", String(requestsPerMinute)] + simulatorArguments
        if !behaviour.isEmpty {
            arguments += ["--guance-behaviour", String(decoding: try JSONEncoder().encode(JSONValue.object(behaviour)), as: UTF8.self)]
        }
        deployment = try await TestDeployment(simulatorArguments: arguments)
        guance = GuanceSimulatorControl(baseURL: deployment.guanceURL)
        topic = EventTopicReader(bootstrap: deployment.bootstrap)
        self.requestsPerMinute = requestsPerMinute
        configurationPath = try deployment.writeConfiguration("""
            guance:
              baseURL: \(deployment.guanceURL)
              consoleURL: https://console.guance.example
              channels: [default]
              pollIntervalSeconds: \(pollIntervalSeconds)
              overlapSeconds: 120
            \(guanceSettings.sorted { $0.key < $1.key }.map { "  \($0.key): \($0.value)\n" }.joined())jira:
              baseURL: \(deployment.jiraURL)
            routing:
              default:
                project: OPS
                issueType: "10004"
            """)
    }

    /// Starts guance-poller with the deployment's budget (`GUANCE_REQUESTS_PER_MINUTE`, the same
    /// as the simulator's limit) and the sync key's id.
    func startPoller(extraEnvironment: [String: String] = [:]) throws -> ChildProcess {
        var environment = [
            "GUANCE_REQUESTS_PER_MINUTE": String(requestsPerMinute),
            "GUANCE_API_KEY_ID": GuanceSimulatorControl.syncKeyID,
        ]
        environment.merge(extraEnvironment) { $1 }
        return try deployment.startStage("guance-poller", configurationPath: configurationPath, extraEnvironment: environment)
    }

    /// Stops the poller gracefully and waits for it.
    func stopPoller(_ poller: ChildProcess) async throws -> Int32? {
        poller.terminate()
        return try await poller.waitForExit(timeout: .seconds(60))
    }

    /// Polls until `expectation` finds no problem with the published events and the simulator's
    /// state, or the deadline passes; returns the last problems (empty = met).
    func waitUntil(
        timeout: Duration = .seconds(150), _ expectation: (EventExpectation.Observation) -> [String]
    ) async throws -> [String] {
        let deadline = ContinuousClock.now + timeout
        var problems: [String] = ["not checked"]
        while ContinuousClock.now < deadline {
            let observation = EventExpectation.Observation(events: try await topic.events(), world: try await guance.state())
            problems = expectation(observation)
            if problems.isEmpty { return [] }
            try await Task.sleep(for: .milliseconds(500))
        }
        return problems
    }

    /// Like ``waitUntil(timeout:_:)``, but only counts once the simulator has answered at least
    /// `moreRequests` requests beyond the current count (the poller has polled again since now).
    func waitUntilSettled(
        moreRequests: Int = 15, _ expectation: @escaping (EventExpectation.Observation) -> [String]
    ) async throws -> [String] {
        let start = try await guance.state().totalRequests
        return try await waitUntil { observation in
            let seen = observation.world.totalRequests - start
            return seen >= moreRequests ? expectation(observation) : ["\(seen) of \(moreRequests) more requests so far"]
        }
    }

    /// Runs `syncctl` with `arguments` against this deployment (same configuration, the sync key)
    /// and returns its exit status and standard output.
    func syncctl(_ arguments: [String], environment extra: [String: String] = [:]) async throws -> (status: Int32?, stdout: String) {
        let environment = try deployment.environment(configurationPath: configurationPath, extra: extra)
        let process = try ChildProcess(arguments, executable: "syncctl", environment: environment)
        let status = try await process.waitForExit(timeout: .seconds(120))
        if status == nil { process.kill() }
        // The reader may still append the last chunk after the exit: wait until the lines stop changing.
        var lines = process.lines
        var unchanged = 0
        for _ in 0..<100 where unchanged < 3 {
            try await Task.sleep(for: .milliseconds(20))
            unchanged = process.lines == lines ? unchanged + 1 : 0
            lines = process.lines
        }
        return (status, lines.joined(separator: "\n"))
    }

    func stop() async {
        await deployment.stop()
    }

    /// Runs `body` with a fresh deployment and always stops it afterwards.
    static func with(
        requestsPerMinute: Int, behaviour: [String: JSONValue] = [:], pollIntervalSeconds: Int = 1,
        guanceSettings: [String: String] = [:], simulatorArguments: [String] = [],
        _ body: (PollerDeployment) async throws -> Void
    ) async throws {
        let setup = try await PollerDeployment(
            requestsPerMinute: requestsPerMinute, behaviour: behaviour, pollIntervalSeconds: pollIntervalSeconds,
            guanceSettings: guanceSettings, simulatorArguments: simulatorArguments)
        do {
            try await body(setup)
        } catch {
            await setup.stop()
            throw error
        }
        await setup.stop()
    }
}
