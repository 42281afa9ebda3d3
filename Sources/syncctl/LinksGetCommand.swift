import ArgumentParser
import SyncCore

/// `syncctl links get`: the pair of one Guance issue or one Jira issue, with its comment links.
struct LinksGetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get", abstract: "Show the link of a Guance issue or a Jira issue, with its comment links.")

    @OptionGroup var options: OutputOptions

    @Option(help: "A Guance issue UUID.")
    var guance: String?

    @Option(help: "A Jira issue key (as linked) or id.")
    var jira: String?

    func validate() throws {
        guard (guance == nil) != (jira == nil) else { throw ValidationError("pass exactly one of --guance or --jira") }
    }

    func run() async throws {
        try await options.perform {
            let table = try await LinksCommand.withStore(options) { $0.table }
            let issue = guance.flatMap { table.issueLink(guanceIssueUUID: $0) }
                ?? jira.flatMap { jira in
                    table.issueLink(jiraIssueId: jira) ?? table.records.first { $0.kind == .issue && $0.jiraIssueKey == jira }
                }
            guard let issue else {
                OutputOptions.printError("no link for \(guance.map { "Guance issue \($0)" } ?? "Jira issue \(jira ?? "")")")
                return OutputExitCode.notFound
            }
            let links = [issue] + table.records.filter { $0.kind == .comment && $0.guanceIssueUUID == issue.guanceIssueUUID }
            try LinksCommand.print(links, options)
            return OutputExitCode.success
        }
    }
}
