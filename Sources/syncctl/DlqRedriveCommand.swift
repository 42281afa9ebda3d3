import ArgumentParser
import SyncCore
import SyncOps

/// `syncctl dlq redrive`: re-produce originals to their source topics and mark them sent back.
struct DlqRedriveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redrive",
        abstract: "Send dead letters back to their source topic (once; a second redrive is a no-op).",
        discussion: """
            Each original record (key, headers, value) is produced to its source topic with an extra \
            `redriven-from` header, then a marker keyed by the dead letter id is written to the \
            dead-letter topic; `dlq list` hides marked letters and a second redrive skips them.
            """
    )

    @OptionGroup var options: OutputOptions

    @Option(help: "The dead letter to redrive (repeatable).")
    var id: [String] = []

    @Flag(help: "Redrive every open dead letter.")
    var all = false

    @Flag(help: "Show what would be redriven without producing anything.")
    var dryRun = false

    func validate() throws {
        guard all != !id.isEmpty else { throw ValidationError("pass either --id ID (repeatable) or --all") }
    }

    /// One line of the result, for JSON.
    struct Result: Encodable {
        var id: String
        var outcome: String
        var target: DeadLetter.Source?
        var topic: String?
    }

    func run() async throws {
        try await options.perform {
            let results = try await DlqCommand.withQueue(options) { queue in
                let ids = all ? queue.snapshot.open.map(\.id) : id
                var results: [Result] = []
                for id in ids {
                    results.append(Self.result(try await queue.redrive(id: id, dryRun: dryRun)))
                }
                return results
            }
            if options.json {
                try options.printJSON(results)
            } else {
                var table = OutputTable(columns: ["ID", "OUTCOME", "TARGET"])
                table.rows = results.map { result in
                    [result.id, result.outcome, result.target.map { "\($0.topic)/\($0.partition)@\($0.offset)" } ?? result.topic ?? "-"]
                }
                print(table.render())
            }
            return results.contains { $0.outcome == "not-found" } ? OutputExitCode.attention : OutputExitCode.success
        }
    }

    static func result(_ outcome: DeadLetterQueue.RedriveOutcome) -> Result {
        switch outcome {
        case .redriven(let id, let target): Result(id: id, outcome: "redriven", target: target)
        case .wouldRedrive(let id, let topic): Result(id: id, outcome: "would-redrive", topic: topic)
        case .alreadyRedriven(let marker): Result(id: marker.deadLetterID, outcome: "already-redriven", target: marker.target)
        case .notFound(let id): Result(id: id, outcome: "not-found")
        }
    }
}
