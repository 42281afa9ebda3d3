import ArgumentParser
import Foundation
import GuancePoller
import Kafka
import ProcessSupport
import StageClients
import StageRuntime
import SyncCore
import SyncOps

/// `syncctl backfill`: bring existing Guance issues (and their replies) into the pipeline.
struct BackfillCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backfill",
        abstract: "Produce events for existing Guance issues (and replies) to guance.events.v1, within the Guance budget.",
        discussion: """
            guance-poller publishes nothing for issues last changed before its start time; this is \
            how they get across. Resolved and closed issues are skipped unless --include-resolved. \
            guance-poller takes the backfilled issues over (within a minute) and syncs their later \
            changes like any other issue's. \
            Events have deterministic ids, so overlapping the running poller or an earlier backfill \
            is harmless (the writers skip ids they applied). Requests are paced by the client's rate \
            limiter at --requests-per-minute / GUANCE_REQUESTS_PER_MINUTE / guance.stageBudgets.syncctl \
            (take it from the poller's share or use a key of your own). Progress and ETA on stderr \
            when it is a terminal. Interrupted (Ctrl-C or an error), it prints the --from-page to resume at.
            """
    )

    @OptionGroup var options: OutputOptions

    @Option(help: "Issues created or updated at or after this time (ISO 8601: 2026-11-01 or 2026-11-01T08:00:00Z).")
    var since: String

    @Flag(help: "Also produce the issues' replies (one more request per issue).")
    var replies = false

    @Flag(help: "Also backfill resolved and closed issues (skipped by default).")
    var includeResolved = false

    @Flag(help: "Read Guance and count, but produce nothing.")
    var dryRun = false

    @Option(help: "Issue-list page to start at (to resume).")
    var fromPage = 1

    @Option(help: "Issues per list page.")
    var pageSize = 100

    @Flag(help: "Ask Guance for the time window only (fewer pages; may miss issues created before --since and updated after, as the window's field is undocumented).")
    var serverWindow = false

    @Option(help: "Guance requests per minute for this run (default: GUANCE_REQUESTS_PER_MINUTE, else guance.stageBudgets.syncctl).")
    var requestsPerMinute: Int?

    func validate() throws {
        guard ISO8601DateInput.parse(since) != nil else { throw ValidationError("--since: not an ISO 8601 date: \(since)") }
        guard fromPage >= 1, pageSize >= 1 else { throw ValidationError("--from-page and --page-size must be at least 1") }
        if let requestsPerMinute, requestsPerMinute < 1 { throw ValidationError("--requests-per-minute must be at least 1") }
    }

    func run() async throws {
        try await options.perform { try await execute() }
    }

    private func execute() async throws -> Int32 {
        var extra: [String: String] = [:]
        if let requestsPerMinute { extra["GUANCE_REQUESTS_PER_MINUTE"] = String(requestsPerMinute) }
        let context = try options.context(stage: "syncctl", requireKafka: !dryRun, extraEnvironment: extra)
        let guance = try StageClients.guance(context)
        let producer = dryRun ? nil : try KafkaProducer(configuration: context.kafka.producer, logger: context.logger)
        let ownKeys = Set((context.environment["GUANCE_API_KEY_ID"] ?? "").split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces)
        })
        var publish: Backfill.Publish?
        if let producer {
            let publisher = EventPublisher(producer: producer, stage: "syncctl")
            publish = { events in try await publisher.publish(events) }
        }
        let backfill = Backfill(
            guance: guance, mapper: GuanceEventMapper(consoleURL: context.configuration.guance.consoleURL),
            replyFilter: ReplyFilter(
                ownKeyIDs: ownKeys, mirrorChangeReplies: context.configuration.guance.mirrorChangeReplies,
                integrationReplies: context.configuration.policies.integrationReplies),
            publish: publish, logger: context.logger)
        let runOptions = Backfill.Options(
            since: ISO8601DateInput.parse(since) ?? Date(), includeReplies: replies, includeResolved: includeResolved,
            firstPage: fromPage, pageSize: pageSize, serverWindow: serverWindow)
        let bar = BackfillProgressBar.standardError
        let dryRun = dryRun
        // SIGINT/SIGTERM cancel the backfill, which then reports how far it got.
        let summary = try await TerminationScope.run(logger: context.logger) {
            await Self.run(backfill, runOptions, dryRun: dryRun, bar: bar)
        }
        bar.finish()
        await producer?.shutdown()
        try report(summary)
        guard let page = summary.resumeFromPage else { return OutputExitCode.success }
        let flags = (replies ? " --replies" : "") + (includeResolved ? " --include-resolved" : "") + (pageSize != 100 ? " --page-size \(pageSize)" : "") + (dryRun ? " --dry-run" : "")
            + (serverWindow ? " --server-window" : "")
        OutputOptions.printError("resume with: syncctl backfill --since \(since)\(flags) --from-page \(page)")
        return OutputExitCode.failure
    }

    /// Runs the backfill until it ends or is cancelled (a termination signal); then its progress up
    /// to there is returned.
    private static func run(
        _ backfill: Backfill, _ options: Backfill.Options, dryRun: Bool, bar: BackfillProgressBar
    ) async -> BackfillSummary {
        do {
            return try await backfill.run(options) { bar.draw($0) }
        } catch let interrupted as BackfillInterrupted {
            bar.finish()
            OutputOptions.printError("\(interrupted)")
            return interrupted.summary
        } catch {
            OutputOptions.printError("\(error)")
            return BackfillSummary.starting(at: options.firstPage, dryRun: dryRun)
        }
    }

    private func report(_ summary: BackfillSummary) throws {
        if options.json {
            try options.printJSON(summary)
            return
        }
        var table = OutputTable(columns: ["ISSUES", "SKIPPED", "REPLIES", "EVENTS", "REQUESTS", "LAST PAGE", "COMPLETE"])
        let skipped = String(summary.skippedIssues) + (summary.skippedResolved > 0 ? " (\(summary.skippedResolved) resolved)" : "")
        table.rows = [[
            String(summary.issues), skipped, String(summary.replies),
            String(summary.events) + (summary.dryRun ? " (dry run)" : ""), String(summary.requests),
            summary.lastCompletedPage.map(String.init) ?? "-", summary.complete ? "yes" : "no",
        ]]
        print(table.render())
    }
}
