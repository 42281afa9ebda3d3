#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Synchronization

/// A child process started with `posix_spawn`, for the tools and tests that run other programs.
///
/// Why not `Foundation.Process`: on Linux its `run()` lists `/proc/self/fd` with a 256-byte copy of
/// every directory entry, which reads past glibc's buffer and crashes the parent now and then
/// (swift-corelibs-foundation#5472, in Swift 6.3.1) — the more descriptors are open, the likelier;
/// a test process with Kafka clients and servers open has well over a thousand. This type spawns
/// directly: the standard streams it is given, every other descriptor closed in the child
/// (`posix_spawn_file_actions_addclosefrom_np` when the C library has it), signal dispositions and
/// mask reset, and its own process group (a Ctrl-C in the terminal reaches the parent only).
package final class SpawnedProcess: Sendable {
    /// The child's process id.
    package let pid: pid_t
    private let reaped = Mutex<Int32?>(nil)

    /// Starts `executable` (a path) with `arguments`.
    /// - Parameters:
    ///   - environment: the child's environment; `nil` passes this process's.
    ///   - standardInput, standardOutput, standardError: descriptors the child gets as 0, 1 and 2;
    ///     `nil` leaves the parent's. The caller keeps (and closes) its own copies.
    /// - Throws: ``SpawnError`` when the program cannot be started.
    package init(
        executable: String, arguments: [String], environment: [String: String]? = nil, standardInput: Int32? = nil,
        standardOutput: Int32? = nil, standardError: Int32? = nil
    ) throws {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (source, target) in [(standardInput, Int32(0)), (standardOutput, 1), (standardError, 2)] {
            guard let source else { continue }
            posix_spawn_file_actions_adddup2(&actions, source, target)
        }
        if let closeFrom = Self.addCloseFrom { _ = closeFrom(&actions, 3) }

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var everySignal = sigset_t()
        sigfillset(&everySignal)
        sigdelset(&everySignal, SIGKILL)
        sigdelset(&everySignal, SIGSTOP)
        posix_spawnattr_setsigdefault(&attributes, &everySignal)
        posix_spawnattr_setpgroup(&attributes, 0)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETPGROUP))

        let variables = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        var pid = pid_t()
        let code = Self.withCStrings([executable] + arguments) { argv in
            Self.withCStrings(variables) { envp in
                posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
            }
        }
        guard code == 0 else { throw SpawnError(executable: executable, code: code) }
        self.pid = pid
    }

    /// The exit status once the child has ended: its exit code, or the number of the signal that
    /// ended it; `nil` while it runs.
    package var exitStatus: Int32? {
        reaped.withLock { status in
            if let status { return status }
            var raw: Int32 = 0
            guard waitpid(pid, &raw, WNOHANG) == pid else { return nil }
            let signal = raw & 0x7f
            status = signal == 0 ? (raw >> 8) & 0xff : signal
            return status
        }
    }

    /// Whether the child is still running.
    package var isRunning: Bool { exitStatus == nil }

    /// Sends `signal` to the child, unless it has ended (its pid may belong to another process by then).
    package func send(_ signal: Int32) {
        reaped.withLock { status in
            if status == nil { _ = kill(pid, signal) }
        }
    }

    /// Waits (polling every 20 ms, off the cooperative pool's time) until the child ends or
    /// `timeout` passes; returns the exit status, `nil` on timeout.
    package func waitForExit(timeout: Duration = .seconds(120)) async throws -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let status = exitStatus { return status }
            try await Task.sleep(for: .milliseconds(20))
        }
        return exitStatus
    }

    /// Runs `executable` to completion with stdin from `input` (or `/dev/null`) and returns its exit
    /// status and what it wrote to stdout — and stderr, unless `capturesStandardError` is off (then
    /// it goes to this process's stderr) — through a temporary file: no pipe to drain.
    /// - Throws: ``SpawnError``; `CancellationError`; ``SpawnTimeout`` after `timeout` (the child is killed).
    package static func run(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil, input: Data? = nil,
        capturesStandardError: Bool = true, timeout: Duration = .seconds(120)
    ) async throws -> (status: Int32, output: String) {
        let outputURL = FileManager.default.temporaryDirectory.appendingPathComponent("spawn-\(UUID().uuidString).log")
        let output = open(outputURL.path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard output >= 0 else { throw SpawnError(executable: executable, code: errno) }
        defer {
            close(output)
            unlink(outputURL.path)
        }
        var inputFDs: [Int32] = [-1, -1]
        if input != nil {
            guard pipe(&inputFDs) == 0 else { throw SpawnError(executable: executable, code: errno) }
        } else {
            inputFDs[0] = open("/dev/null", O_RDONLY | O_CLOEXEC)
        }
        let child: SpawnedProcess
        do {
            child = try SpawnedProcess(
                executable: executable, arguments: arguments, environment: environment, standardInput: inputFDs[0],
                standardOutput: output, standardError: capturesStandardError ? output : nil)
        } catch {
            inputFDs.filter { $0 >= 0 }.forEach { close($0) }
            throw error
        }
        close(inputFDs[0])
        if let input, inputFDs[1] >= 0 {
            // Fed from a plain thread: a child that does not read must not block the caller.
            let writer = inputFDs[1]
            Thread.detachNewThread {
                input.withUnsafeBytes { bytes in
                    var offset = 0
                    while offset < bytes.count {
                        let written = write(writer, bytes.baseAddress! + offset, bytes.count - offset)
                        if written <= 0 { break }
                        offset += written
                    }
                }
                close(writer)
            }
        }
        let status: Int32?
        do {
            status = try await child.waitForExit(timeout: timeout)
        } catch {
            child.send(SIGKILL)
            throw error
        }
        guard let status else {
            child.send(SIGKILL)
            throw SpawnTimeout(executable: executable, timeout: timeout)
        }
        let text = (try? String(contentsOf: outputURL, encoding: .utf8)) ?? ""
        return (status, text)
    }

    /// glibc ≥ 2.34's `posix_spawn_file_actions_addclosefrom_np`, which Swift's Glibc module does
    /// not import; looked up once.
    private static let addCloseFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else {
            return nil
        }
        return unsafeBitCast(
            symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
    }()

    private static func withCStrings<Result>(
        _ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> Result
    ) -> Result {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}

/// A program that could not be started.
package struct SpawnError: Error, CustomStringConvertible {
    /// The program.
    package let executable: String
    /// The `errno`-style code `posix_spawn` returned.
    package let code: Int32
    package var description: String { "cannot start \(executable): \(String(cString: strerror(code)))" }
}

/// A program that did not end in time (it was killed).
package struct SpawnTimeout: Error, CustomStringConvertible {
    /// The program.
    package let executable: String
    /// How long it was given.
    package let timeout: Duration
    package var description: String { "\(executable) did not end within \(timeout) (killed)" }
}
