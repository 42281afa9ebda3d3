import ArgumentParser
import SyncCore

/// `syncctl links list`: the link table.
struct LinksListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List links (issue links first).")

    @OptionGroup var options: OutputOptions

    @Option(help: "Show at most this many.")
    var limit = 100

    func validate() throws {
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1") }
    }

    func run() async throws {
        try await options.perform {
            let records = try await LinksCommand.withStore(options) { $0.table.records }
            let sorted = records.filter { $0.kind == .issue } + records.filter { $0.kind == .comment }
            let shown = Array(sorted.prefix(limit))
            if options.json {
                try options.printJSON(shown)
            } else {
                var output = OutputTable(columns: LinksCommand.columns)
                output.rows = shown.map(LinksCommand.row)
                print(output.render())
                if sorted.count > shown.count { print("… \(sorted.count - shown.count) more (raise --limit)") }
            }
            return OutputExitCode.success
        }
    }
}
