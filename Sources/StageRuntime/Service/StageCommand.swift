import ArgumentParser

/// A stage's command line (`jira-writer`, …), runnable with crash points.
///
/// The production executable runs it as is (``CrashPoints/none``); the stage's fault-injection
/// build (a test executable) parses the same command line and runs it with a hook installed.
package protocol StageCommand: AsyncParsableCommand {
    /// Runs the stage with `crashPoints`.
    func run(crashPoints: CrashPoints) async throws
}

extension StageCommand {
    /// Runs the stage without crash points.
    package func run() async throws {
        try await run(crashPoints: .none)
    }
}
