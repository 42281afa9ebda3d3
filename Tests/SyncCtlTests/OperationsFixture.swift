import Foundation
import ProcessTesting
import Testing

/// A `sync-dev dev-broker` child process (one mock broker with every topic of `topics/`) and
/// helpers to run `syncctl` and `kafka-probe` against it, for the operations commands' tests.
final class OperationsFixture: Sendable {
    /// The repository root (for `topics/`).
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `host:port` of the mock broker.
    let bootstrap: String
    private let broker: ChildProcess

    /// Starts the dev broker and waits for its bootstrap line.
    init() async throws {
        broker = try ChildProcess(
            ["dev-broker", "--brokers", "1", "--topics-dir", Self.repository.appendingPathComponent("topics").path],
            executable: "sync-dev")
        bootstrap = try #require(try await broker.waitForLine { $0.hasPrefix("127.0.0.1:") }, "dev-broker printed no bootstrap line")
    }

    /// Stops the broker.
    func stop() async throws {
        broker.terminate()
        _ = try await broker.waitForExit(timeout: .seconds(30))
    }

    /// Runs `syncctl arguments…` to completion and returns its exit status and stdout (read from
    /// a file once it exited, so nothing is cut off).
    func syncctl(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        try await Self.syncctl(arguments)
    }

    /// Runs `syncctl arguments…` (no broker needed) to completion: exit status and stdout.
    static func syncctl(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("syncctl-\(UUID().uuidString).out")
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outputFile) }
        let handle = try FileHandle(forWritingTo: outputFile)
        defer { try? handle.close() }
        let process = Process()
        process.executableURL = try ChildProcess.executableURL(named: "syncctl")
        process.arguments = arguments
        process.standardOutput = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try await waitForExit(process, what: "syncctl \(arguments.joined(separator: " "))")
        return (process.terminationStatus, try String(contentsOf: outputFile, encoding: .utf8))
    }

    /// Polls until `process` exits (generous deadline; fails the test if it does not).
    static func waitForExit(_ process: Process, what: String) async throws {
        let deadline = ContinuousClock.now + .seconds(120)
        while process.isRunning, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        if process.isRunning {
            process.terminate()
            Issue.record("\(what) did not exit within 120 s")
            throw CancellationError()
        }
    }

    /// Runs `syncctl arguments… --json` and parses stdout as a JSON object.
    func syncctlJSON(_ arguments: [String]) async throws -> (status: Int32, json: [String: Any]) {
        let (status, output) = try await syncctl(arguments + ["--json"])
        let object = try JSONSerialization.jsonObject(with: Data(output.utf8))
        return (status, try #require(object as? [String: Any], "not a JSON object: \(output)"))
    }

    /// Produces `key<TAB>value` lines to `topic` with `kafka-probe produce`, waiting for every acknowledgement.
    func produce(_ lines: [String], to topic: String) async throws {
        let process = Process()
        process.executableURL = try ChildProcess.executableURL(named: "kafka-probe")
        process.arguments = ["produce", "--bootstrap-servers", bootstrap, "--topic", topic]
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        try input.fileHandleForWriting.close()
        try await Self.waitForExit(process, what: "kafka-probe produce")
        #expect(process.terminationStatus == 0, "kafka-probe produce failed")
    }

    /// A copy of `topics/` in a temporary directory, edited by `edit` (file name → YAML text).
    static func catalogCopy(edit: (inout [String: String]) -> Void) throws -> URL {
        let source = repository.appendingPathComponent("topics")
        var files: [String: String] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: source.path) where file.hasSuffix(".yaml") {
            files[file] = try String(contentsOf: source.appendingPathComponent(file), encoding: .utf8)
        }
        edit(&files)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("catalog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return directory
    }
}
