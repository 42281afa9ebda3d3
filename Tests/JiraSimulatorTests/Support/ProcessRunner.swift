import Foundation

/// Runs a child process without blocking the cooperative pool; output goes to a temp file (no pipe deadlock).
enum ProcessRunner {
    struct Outcome: Sendable {
        var exitCode: Int32
        var output: String
    }

    static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) async throws -> Outcome {
        let logURL = FileManager.default.temporaryDirectory.appendingPathComponent("jira-sim-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: logURL) }
        let log = try FileHandle(forWritingTo: logURL)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        process.standardOutput = log
        process.standardError = log
        let exitCode: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        try log.close()
        let output = (try? String(contentsOf: logURL, encoding: .utf8)) ?? ""
        return Outcome(exitCode: exitCode, output: output)
    }
}
