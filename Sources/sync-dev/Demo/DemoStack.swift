import Foundation
import GuanceSimulator
import Logging
import ProcessSupport
import SimulatorControl
import Synchronization

/// The processes of the demo and the benchmark: dev broker, simulators, and the four stages, with
/// their logs and configuration in one scratch directory.
final class DemoStack: Sendable {
    /// The Guance budget and the poll pace the stack runs with.
    struct Budget: Sendable {
        /// The simulated key's limit and `guance.requestsPerMinute`.
        var guanceRequestsPerMinute: Int
        /// `guance.stageBudgets`, or `nil` for the product's default split.
        var stageBudgets: [String: Int]?
        /// Both pollers' `pollIntervalSeconds`, or `nil` for the product's default.
        var pollIntervalSeconds: Int?
        /// Extra keys of the simulated workspace, given to guance-poller as its key pool.
        var poolKeys = 0

        /// The demo's: 200 requests/min (ten times the real key) so the story takes a minute, not half an hour.
        static let demo = Budget(
            guanceRequestsPerMinute: 200, stageBudgets: ["guance-poller": 120, "jira-writer": 40, "guance-writer": 40],
            pollIntervalSeconds: 1)
    }

    let directory: URL
    let budget: Budget
    private let processes = Mutex<[DemoProcess]>([])
    /// The stages' environment, kept for restarts.
    private let stageEnvironmentUsed = Mutex<[String: String]>([:])

    static let stages = ["guance-poller", "jira-writer", "jira-poller", "guance-writer"]

    init(name: String = "demo", budget: Budget = .demo) throws {
        self.budget = budget
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("guance-jira-sync-\(name)-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// The stage processes' ids, by stage name (for their peak memory).
    var stagePIDs: [String: pid_t] {
        processes.withLock { all in
            Dictionary(all.compactMap { process in
                Self.stages.first { process.name == $0 || process.name.hasPrefix($0 + "-") }.map { ($0, process.pid) }
            }, uniquingKeysWith: { _, newer in newer })
        }
    }

    /// Starts everything; returns the simulators' handles once the stages run.
    func start(jiraFlavour: String, jiraLocale: String, printer: DemoPrinter) async throws -> SimulatorControl {
        let devTool = try DemoProcess.sibling("sync-dev")
        let bootstrapFile = directory.appendingPathComponent("bootstrap")
        let urlFile = directory.appendingPathComponent("urls")
        let base = ProcessInfo.processInfo.environment
        try launch("dev-broker", devTool, ["dev-broker", "--bootstrap-file", bootstrapFile.path], base)
        try launch("simulators", devTool, [
            "sim", "--jira-flavour", jiraFlavour, "--jira-locale", jiraLocale,
            "--guance-requests-per-minute", String(budget.guanceRequestsPerMinute), "--url-file", urlFile.path,
            "--guance-pool-keys", String(budget.poolKeys),
        ], base)
        let bootstrap = try await readFile(bootstrapFile, lines: 1, what: "the dev broker")[0]
        let urls = try await readFile(urlFile, lines: 2, what: "the simulators")
        func url(_ name: String) -> String {
            urls.first { $0.hasPrefix(name + "=") }.map { String($0.dropFirst(name.count + 1)) } ?? ""
        }
        let guanceURL = url("GUANCE_BASE_URL")
        let jiraURL = url("JIRA_BASE_URL")
        printer.info("Kafka (dev broker) \(bootstrap) · Guance simulator \(guanceURL) · Jira simulator \(jiraURL) (\(jiraFlavour), \(jiraLocale))")

        let config = directory.appendingPathComponent("sync.yaml")
        try configuration(guanceURL: guanceURL, jiraURL: jiraURL, jiraFlavour: jiraFlavour).write(to: config, atomically: true, encoding: .utf8)
        var environment = try stageEnvironment(base: base, bootstrap: bootstrap, config: config)
        if budget.poolKeys > 0 {
            // guance-poller's read keys (the other stages ignore them), as a secret in the environment.
            // Each at the simulated per-key limit (the benchmarks scale it).
            environment["GUANCE_POOL_API_KEYS"] = (1...budget.poolKeys)
                .map { "\(GuanceSimulatedAPIKey.pool($0).secret):\(budget.guanceRequestsPerMinute)" }.joined(separator: " ")
        }
        stageEnvironmentUsed.withLock { [environment] in $0 = environment }
        for stage in Self.stages {
            try launch(stage, try DemoProcess.sibling(stage), [], environment)
        }
        printer.info("stages running: \(Self.stages.joined(separator: ", ")) (logs in \(directory.path))")
        return SimulatorControl(guanceURL: guanceURL, jiraURL: jiraURL, jiraAPIVersion: jiraFlavour == "cloud" ? "3" : "2")
    }

    private func launch(_ name: String, _ executable: URL, _ arguments: [String], _ environment: [String: String]) throws {
        let process = try DemoProcess(
            name: name, executable: executable, arguments: arguments, environment: environment, logDirectory: directory)
        processes.withLock { $0.append(process) }
    }

    private func readFile(_ file: URL, lines: Int, what: String) async throws -> [String] {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if let text = try? String(contentsOf: file, encoding: .utf8) {
                let found = text.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
                if found.count >= lines { return found }
            }
            if let dead = processes.withLock({ $0.first { !$0.isRunning } }) {
                throw DemoFailure("\(dead.name) exited (\(dead.exitStatus ?? -1)):\n\(dead.tail())")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw DemoFailure("\(what) did not start within 60 s")
    }

    private func configuration(guanceURL: String, jiraURL: String, jiraFlavour: String) -> String {
        let shares = budget.stageBudgets.map { shares in
            "  stageBudgets: {" + shares.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + "}\n"
        } ?? ""
        let poll = budget.pollIntervalSeconds.map { "  pollIntervalSeconds: \($0)\n" } ?? ""
        return """
        # Written by `sync-dev`: the simulators stand in for Guance and Jira.
        guance:
          baseURL: \(guanceURL)
          consoleURL: https://console.guance.com
          channels: [default]
          requestsPerMinute: \(budget.guanceRequestsPerMinute)
        \(shares)\(poll)jira:
          baseURL: \(jiraURL)
          flavor: \(jiraFlavour == "cloud" ? "cloud" : "datacenter")
        \(poll)  overlapMinutes: 2
        routing:
          default: {project: OPS, issueType: "10004"}
        priorities: {system_level_0: "1", system_level_1: "2", system_level_2: "3", system_level_3: "4"}
        """
    }

    /// The stages' environment: secrets through files (as Compose secrets), never on the command line.
    private func stageEnvironment(base: [String: String], bootstrap: String, config: URL) throws -> [String: String] {
        try SimulatedStageEnvironment.make(
            base: base, bootstrap: bootstrap, configurationPath: config.path, directory: directory)
    }

    /// Stops `stage` (SIGTERM: it drains) and starts it again, logging to `<stage>-<suffix>.log`.
    /// - Returns: when the new process was started.
    @discardableResult
    func restart(_ stage: String, suffix: String) async throws -> ContinuousClock.Instant {
        let old = processes.withLock { all in all.first { $0.name == stage && $0.isRunning } }
        await old?.stop()
        let environment = stageEnvironmentUsed.withLock { $0 }
        let started = ContinuousClock.now
        let process = try DemoProcess(
            name: "\(stage)-\(suffix)", executable: try DemoProcess.sibling(stage), arguments: [], environment: environment,
            logDirectory: directory)
        processes.withLock { all in
            all.removeAll { $0 === old }
            all.append(process)
        }
        return started
    }

    /// The dev broker's bootstrap servers (comma-separated), once started.
    var kafkaBootstrap: String? {
        stageEnvironmentUsed.withLock { $0["KAFKA_BROKERS"] }
    }

    /// The log of the running process of `stage` (after a restart, the new one's).
    func logFile(of stage: String) -> URL? {
        processes.withLock { all in all.last { $0.name == stage || $0.name.hasPrefix(stage + "-") }?.logFile }
    }

    /// Prints the tail of every log (after a failure).
    func printDiagnostics() {
        for process in processes.withLock({ $0 }) {
            let state = process.isRunning ? "running" : "exited \(process.exitStatus ?? -1)"
            FileHandle.standardError.write(Data("--- \(process.name) (\(state)), \(process.logFile.path):\n\(process.tail())\n".utf8))
        }
    }

    /// Stops the stages first, then the simulators and the broker.
    func stop() async {
        let all = processes.withLock { $0 }
        for process in all.reversed() {
            await process.stop()
        }
    }

    func removeLogs() {
        try? FileManager.default.removeItem(at: directory)
    }

    /// Runs `body` (a demo or a benchmark on this stack) until it answers or Ctrl-C/SIGTERM
    /// interrupts it, prints the stages' logs on a failure, stops the stack, and keeps the logs
    /// (printing where) unless it passed and `keepLogs` is off.
    /// - Returns: whether `body` passed.
    func run(what: String, printer: DemoPrinter, keepLogs: Bool = false, _ body: @escaping @Sendable () async throws -> Bool) async -> Bool {
        let passed = (try? await TerminationScope.run(logger: Logger(label: "sync-dev.\(what)")) { () async -> Bool in
            do {
                return try await body()
            } catch is CancellationError {
                printer.line("\(what) interrupted")
                return false
            } catch {
                printer.line("\(what) failed: \(error)")
                self.printDiagnostics()
                return false
            }
        }) ?? false
        await stop()
        if passed && !keepLogs {
            removeLogs()
        } else {
            printer.info("logs: \(directory.path)")
        }
        return passed
    }
}
