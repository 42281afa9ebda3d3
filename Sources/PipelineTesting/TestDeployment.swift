import Foundation
import SimulatorControl

/// A whole deployment for end-to-end tests, every part a separate OS process: `sync-dev dev-broker`
/// (librdkafka's mock cluster, real Kafka protocol over TCP), `sync-dev sim` (the Guance and Jira
/// simulators over HTTP) and any of the stage executables, configured like production through a
/// YAML file and environment variables.
package final class TestDeployment: Sendable {
    /// The dev broker process.
    package let broker: ChildProcess
    /// The simulators process.
    package let simulators: ChildProcess
    /// Kafka bootstrap servers.
    package let bootstrap: String
    /// Base URL of the Guance simulator.
    package let guanceURL: String
    /// Base URL of the Jira simulator.
    package let jiraURL: String
    /// The dev broker's control API (`nil` unless started with `brokerControl`).
    package let brokerControlURL: String?
    /// A scratch directory removed by ``stop()``.
    package let directory: URL
    /// When the deployment was started: before anything a test seeds.
    package let startedAt = Date()

    /// The simulated Guance API key's secret (`sync-dev sim` prints it too).
    package static let guanceKey = SimulatedStageEnvironment.guanceKey
    /// The simulated Jira sync account.
    package static let jiraEmail = SimulatedStageEnvironment.jiraEmail
    /// The simulated Jira sync account's API token (Cloud) / personal access token (Data Center).
    package static let jiraToken = SimulatedStageEnvironment.jiraToken

    /// Starts the dev broker and the simulators.
    /// - Parameters:
    ///   - simulatorArguments: extra `sync-dev sim` arguments (flavour, search lag, behaviour, …).
    ///   - brokerControl: serve the dev broker's control API (outages, leader moves): ``brokerControlURL``.
    package init(simulatorArguments: [String] = [], brokerControl: Bool = false) async throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("deployment-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        broker = try ChildProcess(["dev-broker"] + (brokerControl ? ["--control-port", "0"] : []), executable: "sync-dev")
        simulators = try ChildProcess(["sim"] + simulatorArguments, executable: "sync-dev")
        let bootstrapLine = try await broker.waitForLine(timeout: .seconds(60)) {
            $0.contains(":") && !$0.contains(" ") && !$0.hasPrefix("DEV_BROKER_CONTROL=")
        }
        guard let bootstrapLine else {
            broker.kill()
            simulators.kill()
            throw DeploymentError("dev broker printed no bootstrap line: \(broker.lines)")
        }
        bootstrap = bootstrapLine
        let guance = try await simulators.waitForLine(timeout: .seconds(60)) { $0.hasPrefix("GUANCE_BASE_URL=") }
        let jira = try await simulators.waitForLine(timeout: .seconds(60)) { $0.hasPrefix("JIRA_BASE_URL=") }
        guard let guance, let jira else {
            broker.kill()
            simulators.kill()
            throw DeploymentError("simulators printed no URLs: \(simulators.lines)")
        }
        guanceURL = String(guance.dropFirst("GUANCE_BASE_URL=".count))
        jiraURL = String(jira.dropFirst("JIRA_BASE_URL=".count))
        if brokerControl {
            let control = try await broker.waitForLine(timeout: .seconds(60)) { $0.hasPrefix("DEV_BROKER_CONTROL=") }
            brokerControlURL = control.map { String($0.dropFirst("DEV_BROKER_CONTROL=".count)) }
        } else {
            brokerControlURL = nil
        }
    }

    /// The default configuration for the simulators: every Guance issue into the Jira project
    /// `OPS` as a Bug (`10004`), levels mapped to priorities 1–4, fast polling. `guance.syncFrom` is a
    /// minute before the deployment started, so every Guance issue a test seeds before starting
    /// guance-poller is in scope however long the seeding takes (the default, now − overlap at the
    /// poller's first start, left the first of 200 seeded issues out on a loaded CI machine).
    package func defaultConfiguration() -> String {
        """
        guance:
          baseURL: \(guanceURL)
          consoleURL: https://console.guance.example
          channels: [default]
          requestsPerMinute: 20
          pollIntervalSeconds: 1
          overlapSeconds: 120
          syncFrom: "\(startedAt.addingTimeInterval(-60).formatted(.iso8601))"
        jira:
          baseURL: \(jiraURL)
          flavor: auto
          labels: [guance]
          pollIntervalSeconds: 1
          overlapMinutes: 2
        routing:
          default:
            project: OPS
            issueType: "10004"
        priorities:
          system_level_0: "1"
          system_level_1: "2"
          system_level_2: "3"
          system_level_3: "4"
        """
    }

    /// Writes a configuration file (default: ``defaultConfiguration()``) and returns its path.
    package func writeConfiguration(_ yaml: String? = nil, name: String = "sync.yaml") throws -> String {
        let url = directory.appendingPathComponent(name)
        try (yaml ?? defaultConfiguration()).write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    /// The environment a stage runs with: brokers, configuration, the simulators' credentials
    /// (through files, as Compose secrets would), an ephemeral health port and JSON logs.
    package func environment(configurationPath: String, extra: [String: String] = [:]) throws -> [String: String] {
        var environment = try SimulatedStageEnvironment.make(
            base: ProcessInfo.processInfo.environment, bootstrap: bootstrap, configurationPath: configurationPath,
            directory: directory)
        environment.merge(extra) { $1 }
        return environment
    }

    /// Starts a stage executable (`guance-poller`, `jira-writer`, …) with ``environment(configurationPath:extra:)``.
    /// Its logs (stderr) are appended to ``logFile(of:)`` unless `logsToTestOutput` is set.
    ///
    /// When `extraEnvironment` sets a fault (`SYNC_FAULT_CRASH_AT`, `SYNC_FAULT_CLOCK_OFFSET_SECONDS`), the
    /// stage's fault-injection build runs instead (``faultInjectionBuild(of:)``): the production executables
    /// have no crash points.
    package func startStage(
        _ name: String, arguments: [String] = [], configurationPath: String? = nil, extraEnvironment: [String: String] = [:],
        logsToTestOutput: Bool = false
    ) throws -> ChildProcess {
        let path = try configurationPath ?? writeConfiguration()
        let faults = extraEnvironment.keys.contains { $0.hasPrefix("SYNC_FAULT_") }
        let executable = faults ? Self.faultInjectionBuild(of: name) : name
        return try ChildProcess(
            arguments, executable: executable, environment: environment(configurationPath: path, extra: extraEnvironment),
            standardError: logsToTestOutput ? nil : logFile(of: name))
    }

    /// The test executable that runs stage `name` with crash points (`jira-writer-faults`, …).
    package static func faultInjectionBuild(of name: String) -> String {
        name + "-faults"
    }

    /// Where ``startStage(_:arguments:configurationPath:extraEnvironment:logsToTestOutput:)`` writes a stage's
    /// logs (every run of that stage name appends to the same file).
    package func logFile(of stage: String) -> URL {
        directory.appendingPathComponent("\(stage).log")
    }

    /// The stage's log lines so far (JSON objects, one per line).
    package func logLines(of stage: String) -> [String] {
        ((try? String(contentsOf: logFile(of: stage), encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    /// The health/metrics port the stage logged (`http.port`), once it is listening.
    package func httpPort(of stage: String, timeout: Duration = .seconds(60)) async throws -> Int {
        try await loggedPort(of: stage, key: "http.port", timeout: timeout)
    }

    /// The webhook listener's port the stage logged (`webhook.port`), once it is listening.
    package func webhookPort(of stage: String, timeout: Duration = .seconds(60)) async throws -> Int {
        try await loggedPort(of: stage, key: "webhook.port", timeout: timeout)
    }

    private func loggedPort(of stage: String, key: String, timeout: Duration) async throws -> Int {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            for line in logLines(of: stage).reversed() where line.contains("\"\(key)\"") {
                if let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                    let port = (object[key] as? String).flatMap(Int.init)
                {
                    return port
                }
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw DeploymentError("\(stage) logged no \(key)")
    }

    /// Stops the simulators and the broker and removes the scratch directory (kept when
    /// `keepingLogs` is set, e.g. after a failure, or with `KEEP_TEST_LOGS=1`).
    package func stop(keepingLogs: Bool = false) async {
        simulators.terminate()
        broker.terminate()
        _ = try? await simulators.waitForExit(timeout: .seconds(10))
        _ = try? await broker.waitForExit(timeout: .seconds(10))
        simulators.kill()
        broker.kill()
        if !keepingLogs, ProcessInfo.processInfo.environment["KEEP_TEST_LOGS"] == nil {
            try? FileManager.default.removeItem(at: directory)
        }
    }
}

/// A deployment that could not be started.
package struct DeploymentError: Error, CustomStringConvertible {
    /// What went wrong.
    package var description: String

    /// Creates an error.
    package init(_ description: String) {
        self.description = description
    }
}
