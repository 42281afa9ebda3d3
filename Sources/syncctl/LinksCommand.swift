import ArgumentParser
import Foundation
import StageRuntime
import SyncCore

/// `syncctl links`: the link table (`sync.links.v1`).
struct LinksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "links",
        abstract: "Look up, list and rebuild the link table (sync.links.v1).",
        subcommands: [LinksGetCommand.self, LinksListCommand.self, LinksRebuildCommand.self]
    )

    /// Reads the link table to its end, runs `body`, and closes everything.
    static func withStore<T>(_ options: OutputOptions, _ body: (LinkStore) async throws -> T) async throws -> T {
        try await options.withTopicTable(
            open: { kafka, producer in
                let store = try await LinkStore(kafka: kafka, producer: producer, logger: options.logger)
                try await store.catchUp()
                return store
            },
            close: { await $0.close() }, body)
    }

    /// The table columns of links.
    static let columns = ["KIND", "GUANCE", "JIRA", "ORIGIN", "PROVENANCE", "LINKED AT"]

    /// Prints links as JSON or a table.
    static func print(_ links: [LinkRecord], _ options: OutputOptions) throws {
        if options.json {
            try options.printJSON(links)
        } else {
            var output = OutputTable(columns: columns)
            output.rows = links.map(row)
            Swift.print(output.render())
        }
    }

    /// A link's row.
    static func row(_ link: LinkRecord) -> [String] {
        let guance = link.kind == .issue ? link.guanceIssueUUID : "\(link.guanceIssueUUID) reply \(link.guanceReplyUUID ?? "?")"
        let jira = link.kind == .issue ? "\(link.jiraIssueKey) (\(link.jiraIssueId))" : "\(link.jiraIssueKey) comment \(link.jiraCommentId ?? "?")"
        return [
            link.kind.rawValue, guance, jira, link.origin.rawValue, link.provenance.rawValue,
            DlqShowCommand.timestamp(link.linkedAt),
        ]
    }
}
