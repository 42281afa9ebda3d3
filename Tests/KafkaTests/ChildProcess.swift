import Foundation
import Synchronization

/// A child process (`kafka-probe`, `syncctl`, built next to the tests) whose stdout lines are
/// collected as they arrive.
final class ChildProcess: Sendable {
    private let process: Process
    private let output = ChildOutput()

    /// Starts the product `executable` with `arguments`.
    init(_ arguments: [String], executable: String = "kafka-probe") throws {
        let process = Process()
        process.executableURL = try Self.executableURL(named: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        self.process = process
        let output = output
        let handle = pipe.fileHandleForReading
        try process.run()
        // A plain thread reads the pipe until EOF; never the cooperative pool.
        Thread.detachNewThread {
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                output.append(chunk)
            }
        }
    }

    /// Every complete stdout line so far.
    var lines: [String] { output.lines }

    /// The `MSG` lines parsed as (partition, offset, key, value).
    var messages: [(partition: Int32, offset: Int64, key: String, value: String)] {
        lines.compactMap { line in
            let fields = line.split(separator: " ", maxSplits: 4)
            guard fields.count == 5, fields[0] == "MSG", let partition = Int32(fields[1]), let offset = Int64(fields[2]) else {
                return nil
            }
            return (partition, offset, String(fields[3]), String(fields[4]))
        }
    }

    /// The partitions of the most recent `ASSIGNED` line (`nil` before the first one).
    var assignedPartitions: Set<Int32>? {
        guard let line = lines.last(where: { $0.hasPrefix("ASSIGNED") }) else { return nil }
        let list = line.dropFirst("ASSIGNED".count).trimmingCharacters(in: .whitespaces)
        return Set(list.split(separator: ",").compactMap { entry in
            entry.split(separator: "[").last.flatMap { Int32($0.dropLast()) }
        })
    }

    /// The exit status once the process has exited.
    var exitStatus: Int32? { process.isRunning ? nil : process.terminationStatus }

    /// Whether the process is still running.
    var isRunning: Bool { process.isRunning }

    /// Sends SIGTERM (graceful close).
    func terminate() { process.terminate() }

    /// Sends SIGKILL (no chance to commit or leave the group).
    func kill() { Foundation.kill(process.processIdentifier, SIGKILL) }

    /// Makes sure the child does not outlive the test.
    deinit {
        if process.isRunning { Foundation.kill(process.processIdentifier, SIGKILL) }
    }

    /// Finds a product executable next to the test binary (SwiftPM puts every product of a
    /// build into the same products directory; on macOS the test bundle is deeper, inside
    /// `*.xctest/Contents/MacOS`). `$KAFKA_TEST_PRODUCTS` overrides the directory.
    static func executableURL(named name: String) throws -> URL {
        if let override = ProcessInfo.processInfo.environment["KAFKA_TEST_PRODUCTS"] {
            return URL(fileURLWithPath: override).appendingPathComponent(name)
        }
        var candidates: [URL] = []
        let selfExecutable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        candidates.append(selfExecutable.deletingLastPathComponent())
        var bundle = Bundle.main.bundleURL
        for _ in 0..<4 {
            candidates.append(bundle)
            bundle = bundle.deletingLastPathComponent()
        }
        if let argument = CommandLine.arguments.first {
            candidates.append(URL(fileURLWithPath: argument).resolvingSymlinksInPath().deletingLastPathComponent())
        }
        for directory in candidates {
            let candidate = directory.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw ProductNotFound(name: name, searched: candidates.map(\.path))
    }
}

/// A product was not built next to the tests.
struct ProductNotFound: Error, CustomStringConvertible {
    let name: String
    let searched: [String]
    var description: String { "\(name) not found (build it with `swift build`); searched \(searched)" }
}

/// The stdout of a child, split into lines as it arrives.
private final class ChildOutput: Sendable {
    private let state = Mutex<(lines: [String], partial: String)>(([], ""))

    var lines: [String] { state.withLock { $0.lines } }

    func append(_ chunk: Data) {
        state.withLock { state in
            state.partial += String(decoding: chunk, as: UTF8.self)
            while let newline = state.partial.firstIndex(of: "\n") {
                state.lines.append(String(state.partial[..<newline]))
                state.partial = String(state.partial[state.partial.index(after: newline)...])
            }
        }
    }
}
