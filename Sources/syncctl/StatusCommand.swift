import ArgumentParser
import Foundation
import SyncOps

/// `syncctl status`: lag, links, dead letters and poller checkpoints at a glance.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show consumer lag, link and dead-letter counts, and poller checkpoints.",
        discussion: """
            Exit 0 when healthy, 2 when something needs attention (open dead letters, a checkpoint \
            older than --stale-after), 1 when Kafka could not be read.
            """
    )

    @OptionGroup var options: OutputOptions

    @Option(help: "Consumer group to measure (repeatable; default: the two writer groups).")
    var group: [String] = []

    @Option(help: "Seconds after which a poller checkpoint counts as stale.")
    var staleAfter: Double = 600

    func validate() throws {
        guard staleAfter > 0 else { throw ValidationError("--stale-after must be positive") }
    }

    func run() async throws {
        try await options.perform {
            let groups = group.isEmpty
                ? StatusCollector.defaultGroups
                : group.flatMap { name in StatusCollector.topics(ofGroup: name).map { (group: name, topic: $0) } }
            let report = try await StatusCollector(kafka: try options.kafka(), logger: options.logger)
                .collect(groups: groups, staleAfter: staleAfter)
            if options.json {
                try options.printJSON(report)
            } else {
                print(Self.render(report))
            }
            return report.needsAttention ? OutputExitCode.attention : OutputExitCode.success
        }
    }

    static func render(_ report: StatusReport) -> String {
        let style = OutputStyle.standardOutput
        var lines = [style.bold("Consumer groups")]
        var lag = OutputTable(columns: ["GROUP", "TOPIC", "PARTITION", "COMMITTED", "END", "LAG"])
        for group in report.groups {
            for partition in group.partitions {
                let cell = partition.lag > 0 ? style.yellow(String(partition.lag)) : String(partition.lag)
                lag.rows.append([
                    group.group, group.topic, String(partition.partition), partition.committed.map(String.init) ?? "-",
                    String(partition.end), cell,
                ])
            }
        }
        lines.append(lag.render(style: style))
        lines.append("")
        lines.append(style.bold("Links") + ": \(report.links.issues) issue(s), \(report.links.comments) comment(s)")
        let open = report.deadLetters.open
        lines.append(
            style.bold("Dead letters") + ": " + (open > 0 ? style.red("\(open) open") : "0 open")
                + ", \(report.deadLetters.redriven) redriven")
        lines.append("")
        lines.append(style.bold("Poller checkpoints"))
        var checkpoints = OutputTable(columns: ["POLLER", "SCOPE", "CURSOR", "WRITTEN AT", "AGE"])
        checkpoints.rows = report.checkpoints.map { checkpoint in
            let age = "\(Int(checkpoint.ageSeconds)) s"
            return [
                checkpoint.poller, checkpoint.scope, DlqShowCommand.timestamp(checkpoint.cursor),
                DlqShowCommand.timestamp(checkpoint.writtenAt), checkpoint.stale ? style.red(age + " (stale)") : age,
            ]
        }
        lines.append(checkpoints.render(style: style))
        lines.append("")
        lines.append(report.needsAttention
            ? report.attention.map { style.red("! ") + $0 }.joined(separator: "\n")
            : style.green("healthy"))
        return lines.joined(separator: "\n")
    }
}
