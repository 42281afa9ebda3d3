import Foundation
import GuanceAPI
import JiraAPI
import Kafka
import Logging
import StageClients
import StageRuntime
import SyncCore

/// The jira-writer stage: consumes `guance.events.v1` and makes Jira show what Guance says —
/// exactly one Jira issue per Guance issue, its fields, its status, and one comment per human reply —
/// and posts the Jira link back onto the Guance issue once.
package enum JiraWriterStage {
    /// The executable name (metrics label, client id, dead-letter writer).
    package static let name = "jira-writer"

    /// The remote checks of `--check-config`: the Jira project, issue types and priorities of every
    /// route exist, the templates parse, and the Guance key works when a back-link is configured.
    package static func check(_ context: StageContext) async -> [String] {
        await JiraWriterCheck(context: context).problems()
    }

    /// The series jira-writer exposes on `/metrics` from its start: Guance calls only when a
    /// back-link is configured. Its effects are named where they happen, so only `noop` is known in
    /// advance; the others appear on first use.
    package static func series(_ context: StageContext) -> StageSeries {
        StageSeries(
            role: .writer(consumes: .guanceEvents, effects: ["noop"], deadLetterReasons: DeadLetterCode.jiraWriter),
            apis: usesGuance(context.configuration) ? [.jira, .guance] : [.jira])
    }

    /// Whether jira-writer needs Guance: for the back-link, and to match assignees by e-mail.
    static func usesGuance(_ configuration: SyncConfiguration) -> Bool {
        configuration.policies.backlink != .none || (configuration.policies.syncAssignees && configuration.users.matchByEmail)
    }

    /// The Guance client: required when ``usesGuance(_:)``; otherwise made when a key is there, so a
    /// Jira issue deleted under `policies.jiraIssueDeleted: recreate` can be recreated from a reply
    /// event (without a key such an event is dead-lettered with the reason).
    static func guanceClient(_ context: StageContext) throws -> GuanceClient? {
        if usesGuance(context.configuration) { return try StageClients.guance(context) }
        guard context.configuration.policies.jiraIssueDeleted == .recreate else { return nil }
        return try? StageClients.guance(context)
    }

    /// Runs the writer until the process stops (``StageShutdown``), then drains and returns.
    /// - Throws: when a client cannot be built (configuration) or Kafka fails fatally.
    package static func run(_ context: StageContext) async throws {
        let settings = try JiraWriterSettings(environment: context.environment)
        let jira = try StageClients.jira(context)
        let guance = try guanceClient(context)
        let flavor = try await detectFlavor(jira, context: context)
        let producer = try KafkaProducer(configuration: context.kafka.producer, logger: context.logger)
        let links: LinkStore
        let ledger: StatusLedger
        do {
            links = try await LinkStore(kafka: context.kafka, producer: producer, logger: context.logger)
            try await links.catchUp()
        } catch {
            await producer.shutdown()
            throw error
        }
        do {
            ledger = try await StatusLedger(kafka: context.kafka, producer: producer, logger: context.logger)
            try await ledger.catchUp()
        } catch {
            await links.close()
            await producer.shutdown()
            throw error
        }
        let users = UserDirectory(mapping: context.configuration.users, guance: guance, jira: jira, logger: context.logger)
        let handler = try JiraEventHandler(
            context: context, settings: settings, flavor: flavor, jira: jira, guance: guance, links: links,
            ledger: ledger, producer: producer, users: users)
        let loop = WriterLoop(
            settings: WriterLoop.Settings(stage: name, group: settings.group, topics: [.guanceEvents], retryFor: settings.retryFor),
            kafka: context.kafka, handler: handler,
            deadLetters: DeadLetterPublisher(producer: producer, stage: name, logger: context.logger),
            readiness: context.readiness, logger: context.logger)
        // Before the first Guance request: the predecessor's requests of the last minute count.
        var sharing: BudgetSharing?
        if let guance { sharing = await StageClients.shareBudget(context, client: guance, producer: producer) }
        do {
            try await loop.run()
        } catch {
            await sharing?.stop()
            await ledger.close()
            await links.close()
            await producer.shutdown()
            throw error
        }
        await sharing?.stop()
        await ledger.close()
        await links.close()
        await producer.shutdown()
    }

    /// Asks Jira which flavour it is (the rich-text format depends on it), retrying until it answers;
    /// `/readyz` reports `jira` failing meanwhile.
    private static func detectFlavor(_ jira: JiraClient, context: StageContext) async throws -> JiraFlavor {
        var attempt = 0
        while true {
            do {
                let flavor = try await jira.flavor()
                context.readiness.set("jira", ready: true)
                return flavor
            } catch {
                if StageShutdown.isRequested { throw CancellationError() }
                attempt += 1
                context.readiness.set("jira", ready: false, detail: "unreachable")
                context.logger.warning("Jira did not answer; retrying", metadata: ["attempt": "\(attempt)", "error": "\(error)"])
                try await StageShutdown.sleep(for: .seconds(min(30, 1 << min(attempt, 5))))
            }
        }
    }
}
