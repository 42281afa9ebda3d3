import Foundation
import JiraAPI
import JiraPoller
import Kafka
import Logging
import StageRuntime
import StageClients

/// The jira-poller stage: what humans do on linked Jira issues (status changes, comments created,
/// edited and deleted, optionally assignee changes) becomes events on `jira.events.v1`, keyed by
/// the Jira issue id, each exactly once — across restarts, crashes and overlapping polls.
///
/// Polling is the source of truth; `POST /webhook/jira` (see ``webhook(options:environment:trigger:)``) only
/// starts the next poll early.
package enum JiraPollerStage {
    /// The executable name.
    package static let name = "jira-poller"

    /// The series jira-poller exposes on `/metrics` from its start.
    package static func series(_ context: StageContext) -> StageSeries {
        StageSeries(role: .poller(publishes: .jiraEvents), apis: [.jira])
    }

    /// Runs the poller until the process stops (``StageShutdown``).
    /// - Parameters:
    ///   - trigger: fired by the webhook route to poll before the interval is over.
    ///   - receiver: the webhook receiver, whose recently named issues are reconciled on Cloud.
    package static func run(
        _ context: StageContext, trigger: PollTrigger = PollTrigger(), receiver: JiraWebhookReceiver? = nil
    ) async throws {
        let jira = try StageClients.jira(context)
        let kafka = context.kafka
        let logger = context.logger
        let producer = try KafkaProducer(configuration: kafka.producer, logger: logger)
        try await using(producer, close: { await $0.shutdown() }) { producer in
            let links = try await LinkStore(kafka: kafka, producer: producer, logger: logger)
            try await using(links, close: { await $0.close() }) { links in
                let ledger = try await StatusLedger(kafka: kafka, producer: nil, logger: logger)
                try await using(ledger, close: { await $0.close() }) { ledger in
                    let account = try await syncAccount(jira, context)
                    let policy = JiraPollerPolicy(
                        parts: JiraPollerPolicy.Parts(
                            context: context, jira: jira, links: links, ledger: ledger, receiver: receiver),
                        syncAccount: JiraSyncAccount(myself: account), profileTimeZone: account.profileTimeZone,
                        jiraClockLead: await jiraClockLead(jira, context))
                    try await PollerEngine(policy: policy, context: context, producer: producer, trigger: trigger).run()
                }
            }
        }
    }

    /// Runs `body` with `resource` and closes it afterwards, whether `body` threw or not.
    private static func using<Resource>(
        _ resource: Resource, close: (Resource) async -> Void, _ body: (Resource) async throws -> Void
    ) async throws {
        do {
            try await body(resource)
        } catch {
            await close(resource)
            throw error
        }
        await close(resource)
    }

    /// How far Jira's clock is ahead of this host's (negative: behind), from `serverInfo`'s
    /// `serverTime`; 0 when Jira does not say. A first start's cursor is Jira's time, not the host's:
    /// a host clock minutes ahead would otherwise start the search after changes Jira stamps now.
    private static func jiraClockLead(_ jira: JiraClient, _ context: StageContext) async -> TimeInterval {
        let sent = context.hostNow()
        guard let info = try? await jira.serverInfo(), let serverTime = info.serverTime else { return 0 }
        let received = context.hostNow()
        let lead = serverTime.timeIntervalSince(sent.addingTimeInterval(received.timeIntervalSince(sent) / 2))
        if abs(lead) >= 60 {
            context.logger.warning("this host's clock is off Jira's; the first start's cursor uses Jira's time", metadata: [
                "jira.clock_lead_seconds": "\(Int(lead.rounded()))",
            ])
        }
        return abs(lead) < 1 ? 0 : lead
    }

    /// `GET /myself`, retried until Jira answers: the sync account (to skip its own writes) and its
    /// profile time zone (JQL date literals are read in it).
    private static func syncAccount(_ jira: JiraClient, _ context: StageContext) async throws -> JiraUser {
        var delay = Duration.seconds(1)
        while true {
            do {
                let account = try await jira.myself()
                context.readiness.set("jira", ready: true)
                context.logger.info("Jira sync account", metadata: [
                    "jira.account": "\(account.stableIdentifier ?? "-")",
                    "jira.time_zone": "\(account.profileTimeZone?.identifier ?? "unknown: JQL uses epoch milliseconds")",
                ])
                return account
            } catch {
                if StageShutdown.isRequested { throw CancellationError() }
                context.readiness.set("jira", ready: false, detail: "GET /myself failed")
                context.logger.warning("Jira not reachable yet", metadata: ["error": "\(error)"])
                try await StageShutdown.sleep(for: delay)
                delay = min(delay * 2, .seconds(60))
            }
        }
    }
}
