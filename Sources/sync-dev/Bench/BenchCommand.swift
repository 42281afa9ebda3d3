import ArgumentParser

/// `sync-dev bench`: benchmarks of the whole pipeline against the simulators, with the real rate
/// limits, printing measurements (not pass/fail timings of a test suite).
struct BenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks of the four stages against the simulators at real rate limits.",
        subcommands: [StormCommand.self, WorkspaceCommand.self]
    )
}
