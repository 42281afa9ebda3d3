import Foundation
import Synchronization

/// A `kafka-probe` child process whose stdout lines are collected as they arrive.
final class ProbeProcess: Sendable {
    private let process: Process
    private let output = ProbeOutput()

    /// Starts `kafka-probe` with `arguments`.
    init(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = try Self.executableURL()
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

    /// Finds the `kafka-probe` executable: `$KAFKA_PROBE` if set, else next to the test binary
    /// (SwiftPM puts every product of a build into the same products directory; on macOS the
    /// test bundle is one level deeper, inside `*.xctest/Contents/MacOS`).
    static func executableURL() throws -> URL {
        if let override = ProcessInfo.processInfo.environment["KAFKA_PROBE"] {
            return URL(fileURLWithPath: override)
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
            let candidate = directory.appendingPathComponent("kafka-probe")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw ProbeNotFound(searched: candidates.map(\.path))
    }
}

/// `kafka-probe` was not built next to the tests.
struct ProbeNotFound: Error, CustomStringConvertible {
    let searched: [String]
    var description: String { "kafka-probe not found (build it with `swift build`); searched \(searched)" }
}

/// The stdout of a child, split into lines as it arrives.
private final class ProbeOutput: Sendable {
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
