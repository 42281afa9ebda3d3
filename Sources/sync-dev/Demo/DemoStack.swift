import Foundation
import SimulatorControl
import Synchronization

/// The processes of the demo: dev broker, simulators, and the four stages, with their logs and
/// configuration in one scratch directory.
final class DemoStack: Sendable {
    let directory: URL
    private let processes = Mutex<[DemoProcess]>([])

    static let stages = ["guance-poller", "jira-writer", "jira-poller", "guance-writer"]
    static let guanceRequestsPerMinute = 200

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("guance-jira-sync-demo-\(getpid())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
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
            "--guance-requests-per-minute", String(Self.guanceRequestsPerMinute), "--url-file", urlFile.path,
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
        let environment = try stageEnvironment(base: base, bootstrap: bootstrap, config: config)
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
        """
        # Written by `sync-dev demo`: the simulators stand in for Guance and Jira.
        guance:
          baseURL: \(guanceURL)
          consoleURL: https://console.guance.com
          channels: [default]
          requestsPerMinute: \(Self.guanceRequestsPerMinute)
          stageBudgets: {guance-poller: 120, jira-writer: 40, guance-writer: 40}
          pollIntervalSeconds: 1
        jira:
          baseURL: \(jiraURL)
          flavor: \(jiraFlavour == "cloud" ? "cloud" : "datacenter")
          pollIntervalSeconds: 1
          overlapMinutes: 2
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
}
