import Foundation
import ProcessSupport

/// A child process of the demo (dev broker, simulators, a stage), its output in a log file.
final class DemoProcess: Sendable {
    let name: String
    let logFile: URL
    private let process: SpawnedProcess

    /// Starts `executable` (a sibling of this `sync-dev` binary) with `arguments` and `environment`.
    init(name: String, executable: URL, arguments: [String], environment: [String: String], logDirectory: URL) throws {
        self.name = name
        logFile = logDirectory.appendingPathComponent("\(name).log")
        FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let handle = try FileHandle(forWritingTo: logFile)
        defer { try? handle.close() }
        let devNull = FileHandle.nullDevice
        process = try SpawnedProcess(
            executable: executable.path, arguments: arguments, environment: environment,
            standardInput: devNull.fileDescriptor, standardOutput: handle.fileDescriptor, standardError: handle.fileDescriptor)
    }

    var isRunning: Bool { process.isRunning }

    /// The process id.
    var pid: pid_t { process.pid }

    var exitStatus: Int32? { process.exitStatus }

    /// Sends SIGTERM and waits up to `timeout` for the exit, then SIGKILL.
    func stop(timeout: Duration = .seconds(15)) async {
        guard process.isRunning else { return }
        process.send(SIGTERM)
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(50))
        }
        process.send(SIGKILL)
    }

    /// The last `count` lines of the log (for diagnostics).
    func tail(_ count: Int = 15) -> String {
        let text = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(count).joined(separator: "\n")
    }

    /// The executable named `name` next to the running binary.
    static func sibling(_ name: String) throws -> URL {
        let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        let candidates = [
            me.deletingLastPathComponent().appendingPathComponent(name),
            Bundle.main.executableURL?.deletingLastPathComponent().appendingPathComponent(name),
        ].compactMap { $0 }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw DemoFailure("\(name) not found next to sync-dev (build all products: `swift build`)")
        }
        return found
    }
}

/// Why the demo could not run or did not converge.
struct DemoFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
