import ArgumentParser
import SyncCore

/// `syncctl links list`: the link table.
struct LinksListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List links (issue links first).")

    @OptionGroup var options: OutputOptions

    @OptionGroup var limit: OutputLimit

    func run() async throws {
        try await options.perform {
            let records = try await LinksCommand.withStore(options) { $0.table.records }
            let sorted = records.filter { $0.kind == .issue } + records.filter { $0.kind == .comment }
            let (shown, note) = limit.apply(sorted)
            try LinksCommand.print(shown, options)
            if let note, !options.json { print(note) }
            return OutputExitCode.success
        }
    }
}
