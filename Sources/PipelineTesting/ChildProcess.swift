import Foundation
import ProcessSupport
import Synchronization

/// A child process (a product of this package such as `syncctl` or `kafka-probe`, built next to
/// the tests) whose stdout lines are collected as they arrive. For tests only.
package final class ChildProcess: Sendable {
    private let process: SpawnedProcess
    private let output = ChildOutput()
    private let errorOutput = ChildOutput()

    /// Starts the product `executable` with `arguments`.
    /// - Parameters:
    ///   - standardError: a file to append the child's stderr to (its logs); `nil` inherits the
    ///     test's stderr.
    ///   - captureStandardError: also collect stderr lines (``errorLines``), still echoing them to
    ///     the test's stderr; e.g. to read a port a stage logs. Ignored when `standardError` is set.
    package init(
        _ arguments: [String], executable: String = "kafka-probe", environment: [String: String]? = nil,
        standardError: URL? = nil, captureStandardError: Bool = false
    ) throws {
        var errorDescriptor: Int32?
        if let standardError {
            // O_APPEND: several processes (replicas of one stage) share a log file; each line lands
            // at the end instead of over another process's lines.
            let descriptor = open(standardError.path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: standardError.path]) }
            errorDescriptor = descriptor
        }
        defer { if standardError != nil, let errorDescriptor { close(errorDescriptor) } }
        let pipe = Pipe()
        let errorPipe = captureStandardError && standardError == nil ? Pipe() : nil
        if let errorPipe { errorDescriptor = errorPipe.fileHandleForWriting.fileDescriptor }
        let devNull = open("/dev/null", O_RDONLY | O_CLOEXEC)
        defer { close(devNull) }
        process = try SpawnedProcess(
            executable: try Self.executableURL(named: executable).path, arguments: arguments, environment: environment,
            standardInput: devNull, standardOutput: pipe.fileHandleForWriting.fileDescriptor, standardError: errorDescriptor)
        // The child has its copies; the reader sees EOF when the child ends.
        try pipe.fileHandleForWriting.close()
        try errorPipe?.fileHandleForWriting.close()
        Self.collect(pipe.fileHandleForReading, into: output)
        if let errorPipe { Self.collect(errorPipe.fileHandleForReading, into: errorOutput, echo: .standardError) }
    }

    /// Reads `handle` until EOF on a plain thread (never the cooperative pool).
    private static func collect(_ handle: FileHandle, into output: ChildOutput, echo: FileHandle? = nil) {
        Thread.detachNewThread {
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                output.append(chunk)
                echo?.write(chunk)
            }
        }
    }

    /// Every complete stdout line so far.
    package var lines: [String] { output.lines }

    /// Every complete stderr line so far (empty unless started with `captureStandardError`).
    package var errorLines: [String] { errorOutput.lines }

    /// Waits until a stdout line satisfies `predicate` (returning it), the process exits, or the
    /// deadline passes (returning `nil`). Polls; never asserts on timing.
    package func waitForLine(
        timeout: Duration = .seconds(60), where predicate: (String) -> Bool
    ) async throws -> String? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let line = lines.first(where: predicate) { return line }
            if !isRunning { return lines.first(where: predicate) }
            try await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }

    /// Waits for the process to exit (or the deadline) and returns its status.
    package func waitForExit(timeout: Duration = .seconds(60)) async throws -> Int32? {
        try await process.waitForExit(timeout: timeout)
    }

    /// The exit status once the process has exited (the signal number when a signal ended it).
    package var exitStatus: Int32? { process.exitStatus }

    /// Whether the process is still running.
    package var isRunning: Bool { process.isRunning }

    /// The child's process id.
    package var processIdentifier: Int32 { process.pid }

    /// Sends SIGTERM (graceful close).
    package func terminate() { process.send(SIGTERM) }

    /// Sends SIGKILL (no chance to commit or leave the group).
    package func kill() { process.send(SIGKILL) }

    /// Makes sure the child does not outlive the test.
    deinit {
        process.send(SIGKILL)
    }

    /// Finds a product executable next to the test binary (SwiftPM puts every product of a
    /// build into the same products directory; on macOS the test bundle is deeper, inside
    /// `*.xctest/Contents/MacOS`). `$TEST_PRODUCTS` (or `$KAFKA_TEST_PRODUCTS`) overrides the directory.
    package static func executableURL(named name: String) throws -> URL {
        if let override = ProcessInfo.processInfo.environment["TEST_PRODUCTS"] ?? ProcessInfo.processInfo.environment["KAFKA_TEST_PRODUCTS"] {
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
package struct ProductNotFound: Error, CustomStringConvertible {
    let name: String
    let searched: [String]
    package var description: String { "\(name) not found (build it with `swift build`); searched \(searched)" }
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
