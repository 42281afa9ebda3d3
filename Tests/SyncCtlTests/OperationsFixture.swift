import Foundation
import ProcessSupport
import PipelineTesting
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
        try await run("syncctl", arguments)
    }

    /// Runs the product `executable` to completion (stdin from `input`, stderr to the test's):
    /// exit status and stdout; fails the test when it does not end within 120 s.
    static func run(_ executable: String, _ arguments: [String], input: Data? = nil) async throws -> (status: Int32, output: String) {
        do {
            return try await SpawnedProcess.run(
                try ChildProcess.executableURL(named: executable).path, arguments, input: input, capturesStandardError: false)
        } catch let timeout as SpawnTimeout {
            Issue.record("\(executable) \(arguments.joined(separator: " ")): \(timeout)")
            throw timeout
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
        let (status, _) = try await Self.run(
            "kafka-probe", ["produce", "--bootstrap-servers", bootstrap, "--topic", topic],
            input: Data((lines.joined(separator: "\n") + "\n").utf8))
        #expect(status == 0, "kafka-probe produce failed")
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
