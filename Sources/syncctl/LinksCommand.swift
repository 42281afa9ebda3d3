import ArgumentParser
import Foundation
import Kafka
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
        let kafka = try options.kafka()
        let producer = try KafkaProducer(configuration: kafka.producer, logger: options.logger)
        do {
            let store = try await LinkStore(kafka: kafka, producer: producer, logger: options.logger)
            do {
                try await store.catchUp()
                let result = try await body(store)
                await store.close()
                await producer.shutdown()
                return result
            } catch {
                await store.close()
                throw error
            }
        } catch {
            await producer.shutdown()
            throw error
        }
    }

    /// The table columns of links.
    static let columns = ["KIND", "GUANCE", "JIRA", "ORIGIN", "PROVENANCE", "LINKED AT"]

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
