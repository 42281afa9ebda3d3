import Foundation

/// Produces and consumes the same messages with `kcat` against the same cluster.
struct KcatRunner {
    let executable: String
    let runner: BenchRunner

    func run(topic: String) async throws -> BenchPair {
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("kafka-bench-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: input) }
        var lines = Data()
        lines.reserveCapacity(runner.messageCount * (runner.messageSize + 1))
        for index in 0..<runner.messageCount {
            lines.append(contentsOf: runner.payload(index))
            lines.append(UInt8(ascii: "\n"))
        }
        try lines.write(to: input)

        let clock = ContinuousClock()
        let start = clock.now
        try await launch([
            "-P", "-b", runner.bootstrapServers, "-t", topic,
            "-X", "acks=all", "-X", "enable.idempotence=true", "-X", "linger.ms=5",
            "-X", "queue.buffering.max.messages=1000000",
        ], input: input)
        let produce = BenchResult(messageCount: runner.messageCount, elapsed: clock.now - start)

        let consume = try await consumeTimed(topic: topic)
        return BenchPair(produce: produce, consume: consume)
    }

    /// Runs kcat as a consumer printing one short line per message; measured from its first
    /// to its last output line, so start-up and connection are excluded as for ours.
    private func consumeTimed(topic: String) async throws -> BenchResult {
        let process = Process()
        process.executableURL = try resolvedExecutable()
        process.arguments = [
            "-C", "-b", runner.bootstrapServers, "-t", topic, "-o", "beginning",
            "-c", String(runner.messageCount), "-e", "-q", "-f", "%o\\n",
        ]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let handle = pipe.fileHandleForReading
        let clock = ContinuousClock()
        let measured: (Int, Duration) = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var first: ContinuousClock.Instant?
                var newlines = 0
                while true {
                    let chunk = handle.availableData
                    if chunk.isEmpty { break }
                    if first == nil { first = clock.now }
                    newlines += chunk.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
                }
                let elapsed = clock.now - (first ?? clock.now)
                process.waitUntilExit()
                continuation.resume(returning: (newlines, elapsed))
            }
        }
        return BenchResult(messageCount: measured.0, elapsed: measured.1)
    }

    private func launch(_ arguments: [String], input: URL) async throws {
        let process = Process()
        process.executableURL = try resolvedExecutable()
        process.arguments = arguments
        process.standardInput = try FileHandle(forReadingFrom: input)
        try process.run()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                process.waitUntilExit()
                continuation.resume()
            }
        }
        guard process.terminationStatus == 0 else {
            throw KcatFailure(status: process.terminationStatus)
        }
    }

    private func resolvedExecutable() throws -> URL {
        if executable.contains("/") { return URL(fileURLWithPath: executable) }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(directory)).appendingPathComponent(executable)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw KcatFailure(status: -1)
    }
}

/// kcat is missing or failed.
struct KcatFailure: Error, CustomStringConvertible {
    let status: Int32
    var description: String { status < 0 ? "kcat not found on PATH" : "kcat exited with status \(status)" }
}
