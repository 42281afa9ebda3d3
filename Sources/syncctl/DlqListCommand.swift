import ArgumentParser
import SyncOps

/// `syncctl dlq list`: the dead letters not yet sent back, oldest first.
struct DlqListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List open dead letters (not yet redriven), oldest first.")

    @OptionGroup var options: OutputOptions

    @Option(help: "Show at most this many.")
    var limit = 100

    func validate() throws {
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1") }
    }

    func run() async throws {
        try await options.perform {
            let table = try await DlqCommand.withQueue(options) { $0.snapshot }
            let open = Array(table.open.prefix(limit))
            if options.json {
                try options.printJSON(open)
            } else {
                var output = OutputTable(columns: ["ID", "FAILED AT", "WRITER", "REASON", "SOURCE", "KEY"])
                output.rows = open.map(DlqCommand.row)
                print(output.render())
                if table.open.count > open.count { print("… \(table.open.count - open.count) more (raise --limit)") }
            }
            return OutputExitCode.success
        }
    }
}
