import Foundation
import ProcessSupport

/// Runs a child process without blocking the cooperative pool; stdout and stderr together.
enum ProcessRunner {
    struct Outcome: Sendable {
        var exitCode: Int32
        var output: String
    }

    static func run(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) async throws -> Outcome {
        let (status, output) = try await SpawnedProcess.run(executable, arguments, environment: environment, timeout: .seconds(600))
        return Outcome(exitCode: status, output: output)
    }
}
