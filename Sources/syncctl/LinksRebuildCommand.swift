import ArgumentParser
import Foundation
import StageClients
import SyncCore
import SyncOps

/// `syncctl links rebuild`: restore the link table from what the sync left in Jira.
struct LinksRebuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rebuild",
        abstract: "Rebuild missing links from Jira labels and issue/comment properties.",
        discussion: """
            Searches Jira (default JQL: the configured jira.labels), recognises each issue by the \
            sync's issue property, its guance-<uuid> label or the old script's raw-UUID label, and \
            its comments by the sync's comment property. Only issues in a routed project created by \
            the sync's account (or jira.migrationAccount) are linked; others naming a Guance issue \
            are listed as refused. Writes the pairs the table lacks with \
            provenance "rebuilt"; never overwrites a different existing link (reported as a conflict, exit 2). \
            Jira credentials come from JIRA_EMAIL + JIRA_API_TOKEN or JIRA_PAT (or their *_FILE variants).
            """
    )

    @OptionGroup var options: OutputOptions

    @Option(help: "JQL selecting the issues to look at (default: labels in (<jira.labels>)).")
    var jql: String?

    @Flag(help: "Skip comments (issue links only; one request less per issue).")
    var noComments = false

    @Flag(help: "Report what would be written without writing.")
    var dryRun = false

    /// The JSON result.
    struct Result: Encodable {
        var jql: String
        var issuesRecognised: Int
        var refused: [LinkRefusal]
        var plan: LinkRebuildPlan
        var written: Int
        var dryRun: Bool
    }

    func run() async throws {
        try await options.perform {
            let context = try options.context(stage: "syncctl")
            guard let query = jql ?? LinkRebuilder.defaultJQL(labels: context.configuration.jira.labels) else {
                OutputOptions.printError("jira.labels is empty: pass --jql")
                return OutputExitCode.configuration
            }
            let rebuilder = LinkRebuilder(
                jira: try StageClients.jira(context), configuration: context.configuration, logger: options.logger)
            let scan = try await rebuilder.scan(jql: query, includeComments: !noComments)
            let (plan, written) = try await LinksCommand.withStore(options) { store in
                let plan = LinkRebuildPlan.make(candidates: scan.candidates, table: store.table, now: Date())
                guard !dryRun else { return (plan, 0) }
                for record in plan.missing { try await store.record(record) }
                return (plan, plan.missing.count)
            }
            let result = Result(
                jql: query, issuesRecognised: scan.candidates.count, refused: scan.refused, plan: plan, written: written,
                dryRun: dryRun)
            if options.json {
                try options.printJSON(result)
            } else {
                print(Self.render(result))
            }
            return plan.conflicts.isEmpty ? OutputExitCode.success : OutputExitCode.attention
        }
    }

    static func render(_ result: Result) -> String {
        let style = OutputStyle.standardOutput
        var lines = [
            "Searched: \(result.jql)",
            "Recognised \(result.issuesRecognised) Jira issue(s); \(result.plan.alreadyLinked) link(s) already present.",
            (result.dryRun ? "Would write" : "Wrote") + " \(result.dryRun ? result.plan.missing.count : result.written) link(s):",
        ]
        var table = OutputTable(columns: LinksCommand.columns)
        table.rows = result.plan.missing.map(LinksCommand.row)
        lines.append(table.render())
        if !result.refused.isEmpty {
            lines.append(style.red("\(result.refused.count) Jira issue(s) name a Guance issue but are not trusted, not linked:"))
            var refused = OutputTable(columns: ["JIRA", "GUANCE", "REASON"])
            refused.rows = result.refused.map { [$0.jiraIssueKey, $0.guanceIssueUUID, $0.reason] }
            lines.append(refused.render())
        }
        if !result.plan.conflicts.isEmpty {
            lines.append(style.red("\(result.plan.conflicts.count) conflict(s), left unchanged:"))
            var conflicts = OutputTable(columns: ["KEY", "EXISTING", "FOUND"])
            conflicts.rows = result.plan.conflicts.map { [$0.key, $0.existing, $0.found] }
            lines.append(conflicts.render())
        }
        return lines.joined(separator: "\n")
    }
}
