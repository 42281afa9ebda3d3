import ArgumentParser
import Foundation
import SyncCore
import SyncOps

/// `syncctl dlq show ID`: one dead letter with everything it holds, the original event decoded.
struct DlqShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show one dead letter, its original record and the decoded event.")

    @OptionGroup var options: OutputOptions

    @Argument(help: "The dead letter id (from `dlq list`).")
    var id: String

    /// The JSON form: the letter, its redrive marker, and the original event when it decodes.
    struct Details: Encodable {
        var deadLetter: DeadLetter
        var redriven: DeadLetterRedrive?
        var event: SyncEvent?
        var eventError: String?
    }

    func run() async throws {
        try await options.perform {
            let table = try await DlqCommand.withQueue(options) { $0.snapshot }
            guard let letter = table.letter(id: id) else {
                OutputOptions.printError("no dead letter \(id)")
                return OutputExitCode.notFound
            }
            var details = Details(deadLetter: letter, redriven: table.redrive(of: id))
            do {
                details.event = try SyncEventCodec.decode(Data(letter.value ?? []))
            } catch {
                details.eventError = "\(error)"
            }
            if options.json {
                try options.printJSON(details)
            } else {
                print(Self.render(details))
            }
            return OutputExitCode.success
        }
    }

    static func render(_ details: Details) -> String {
        let style = OutputStyle.standardOutput
        let letter = details.deadLetter
        var lines = [
            style.bold("Dead letter \(letter.id)"),
            "  state:      " + (details.redriven.map {
                style.green("redriven \(timestamp($0.redrivenAt)) to \($0.target.topic)/\($0.target.partition)@\($0.target.offset)")
            } ?? style.yellow("open")),
            "  failed at:  \(timestamp(letter.failedAt)) by \(letter.writer) after \(letter.attempts) attempt(s)",
            "  reason:     " + style.red(letter.reason.code) + " " + letter.reason.message,
            "  source:     \(letter.source.topic) partition \(letter.source.partition) offset \(letter.source.offset)",
            "  key:        \(letter.key ?? "-")",
            "  headers:    " + letter.headers.map { "\($0.name)=\($0.value ?? "")" }.joined(separator: ", "),
        ]
        if let event = details.event, let json = try? SyncEventCodec.encode(event),
           let object = try? JSONSerialization.jsonObject(with: json),
           let pretty = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]) {
            lines.append("  event:")
            lines += String(decoding: pretty, as: UTF8.self).split(separator: "\n").map { "    " + $0 }
        } else {
            lines.append("  event:      " + style.red("does not decode: \(details.eventError ?? "no value")"))
            lines.append("  value:      \(letter.value.map { String(decoding: $0, as: UTF8.self) } ?? "-")")
        }
        return lines.joined(separator: "\n")
    }

    /// A date as ISO 8601 (UTC, seconds).
    static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }
}
