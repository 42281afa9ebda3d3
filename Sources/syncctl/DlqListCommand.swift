import ArgumentParser
import SyncOps

/// `syncctl dlq list`: the dead letters not yet sent back, oldest first.
struct DlqListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List open dead letters (not yet redriven), oldest first.")

    @OptionGroup var options: OutputOptions

    @OptionGroup var limit: OutputLimit

    func run() async throws {
        try await options.perform {
            let table = try await DlqCommand.withQueue(options) { $0.snapshot }
            let (open, note) = limit.apply(table.open)
            if options.json {
                try options.printJSON(open)
            } else {
                var output = OutputTable(columns: ["ID", "FAILED AT", "WRITER", "REASON", "SOURCE", "KEY"])
                output.rows = open.map(DlqCommand.row)
                print(output.render())
                if let note { print(note) }
            }
            return OutputExitCode.success
        }
    }
}
