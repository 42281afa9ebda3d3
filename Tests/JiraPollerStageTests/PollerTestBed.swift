import Foundation
import JiraPollerStage
import Kafka
import Logging
import PipelineTesting
import StageRuntime
import SyncCore
import Synchronization

/// A deployment (dev broker + simulators as child processes) with jira-poller run as its own
/// process, plus the means to act in Jira as a person and read what the poller published.
final class PollerTestBed: Sendable {
    let deployment: TestDeployment
    let jira: JiraSimControl
    let configurationPath: String
    private let kafka: StageKafka
    private let pollers = Mutex<[ChildProcess]>([])

    /// The label the jira-writer puts on every synced issue, and its property key.
    static let syncLabel = "guance"
    static let propertyKey = "guance.sync"

    /// Starts the broker and the simulators (`simulatorArguments` go to `sync-dev sim`).
    init(simulatorArguments: [String] = [], pollIntervalSeconds: Int = 1, projectSweepSeconds: Int? = nil) async throws {
        deployment = try await TestDeployment(simulatorArguments: simulatorArguments)
        let isCloud = !simulatorArguments.contains("data-center")
        jira = JiraSimControl(baseURL: deployment.jiraURL, isCloud: isCloud)
        // Data Center authenticates with the PAT only: say so, instead of detecting with Cloud credentials.
        let yaml = deployment.defaultConfiguration()
            .replacingOccurrences(
                of: "  pollIntervalSeconds: 1\n  overlapMinutes: 2",
                with: "  pollIntervalSeconds: \(pollIntervalSeconds)\n  overlapMinutes: 2"
                    + (projectSweepSeconds.map { "\n  projectSweepSeconds: \($0)" } ?? ""))
            .replacingOccurrences(of: "flavor: auto", with: isCloud ? "flavor: cloud" : "flavor: datacenter")
        configurationPath = try deployment.writeConfiguration(yaml)
        kafka = StageKafka(brokers: [deployment.bootstrap], clientID: "jira-poller-tests")
    }

    /// Starts jira-poller (stopped by ``stop()`` if still running); its logs go to the deployment's
    /// log file of the stage.
    @discardableResult
    func startPoller(extraEnvironment: [String: String] = [:]) throws -> ChildProcess {
        let poller = try deployment.startStage(
            JiraPollerStage.name, configurationPath: configurationPath, extraEnvironment: extraEnvironment)
        pollers.withLock { $0.append(poller) }
        return poller
    }

    /// Starts a fresh poller, adds a last `END` comment to `issue` and returns every event once that
    /// one arrived (same issue, same partition: everything before it is in).
    func restartAndFinish(issue: String) async throws -> [SyncEvent] {
        try startPoller()
        _ = try await jira.addComment(as: JiraSimControl.human, issue: issue, text: "END")
        return try await waitForEvents { $0.map(describe).contains("created:END") }
    }

    /// Creates an issue as the sync account (in OPS, with `labels`) and links it to `guanceUUID`
    /// (default: a fresh one), as jira-writer does.
    func createLinkedIssue(
        summary: String, labels: [String] = [PollerTestBed.syncLabel], guanceUUID: String = PollerTestBed.guanceUUID()
    ) async throws -> (id: String, key: String) {
        let issue = try await jira.createIssue(as: JiraSimControl.sync, summary: summary, labels: labels)
        try await link(issue: issue, guanceUUID: guanceUUID)
        return issue
    }

    /// A Guance issue UUID of the documented shape (`issue_<hex>`).
    static func guanceUUID() -> String {
        "issue_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
    }

    /// Records in the link table that `issue` mirrors Guance issue `guanceUUID` (as the jira-writer does).
    func link(issue: (id: String, key: String), guanceUUID: String) async throws {
        let record = LinkRecord(
            kind: .issue, guanceIssueUUID: guanceUUID, jiraIssueId: issue.id, jiraIssueKey: issue.key, origin: .guance,
            provenance: .created, linkedAt: Date())
        let producer = try KafkaProducer(configuration: kafka.producer, logger: Logger(label: "jira-poller-tests"))
        do {
            _ = try await producer.send(KafkaProducerMessage(
                topic: SyncTopic.links.name, key: Array(record.key.utf8),
                value: Array(try SyncEventCodec.makeEncoder().encode(record))))
        } catch {
            await producer.shutdown()
            throw error
        }
        await producer.shutdown()
    }

    /// Records `agreement` in the status ledger (`sync.status.v1`), as a writer does after a write.
    func recordAgreement(_ agreement: StatusAgreement) async throws {
        let producer = try KafkaProducer(configuration: kafka.producer, logger: Logger(label: "jira-poller-tests"))
        let ledger = try await StatusLedger(kafka: kafka, producer: producer, logger: Logger(label: "jira-poller-tests"))
        do {
            try await ledger.record(agreement)
        } catch {
            await ledger.close()
            await producer.shutdown()
            throw error
        }
        await ledger.close()
        await producer.shutdown()
    }

    /// Every event on `jira.events.v1`, in partition order.
    func events() async throws -> [SyncEvent] {
        try await PublishedEventReader(kafka: kafka, logger: Logger(label: "jira-poller-tests")).events()
    }

    /// Polls the topic until `done` holds for its events (generous deadline), then returns them.
    func waitForEvents(timeout: Duration = .seconds(60), until done: ([SyncEvent]) -> Bool) async throws -> [SyncEvent] {
        let deadline = ContinuousClock.now + timeout
        while true {
            let events = try await events()
            if done(events) || ContinuousClock.now >= deadline { return events }
            try await Task.sleep(for: .milliseconds(300))
        }
    }

    /// Waits until a poller process has written its checkpoint: it is then watching.
    func waitForCheckpoint(timeout: Duration = .seconds(60)) async throws -> Bool {
        let tail = try await CompactedTopicTail<PollerCheckpoint>(
            topic: SyncTopic.checkpoints.name, kafka: kafka, logger: Logger(label: "jira-poller-tests")
        ) { _, bytes in try SyncEventCodec.makeDecoder().decode(PollerCheckpoint.self, from: Data(bytes)) }
        let deadline = ContinuousClock.now + timeout
        var found = false
        while !found, ContinuousClock.now < deadline {
            do {
                try await tail.catchUp()
                if tail.value(forKey: "jira-poller/head") != nil {
                    found = true
                } else {
                    try await Task.sleep(for: .milliseconds(200))
                }
            } catch {
                await tail.close()
                throw error
            }
        }
        await tail.close()
        return found
    }

    /// Stops a poller with SIGTERM and waits for it.
    static func stop(_ poller: ChildProcess) async throws -> Int32? {
        poller.terminate()
        let status = try await poller.waitForExit(timeout: .seconds(60))
        poller.kill()
        return status
    }

    /// Stops every poller still running, then the deployment.
    func stop() async {
        for poller in pollers.withLock({ $0 }) where poller.isRunning {
            _ = try? await Self.stop(poller)
        }
        await deployment.stop()
    }
}

/// A compact, order-free description of a Jira event for assertions: `created:<text>`,
/// `edited:<text>`, `deleted:<comment id>`, `status:<category>`, `assignee:<id>`.
func describe(_ event: SyncEvent) -> String {
    switch event.body {
    case .jiraCommentCreated(let change): "created:\(change.bodyText)"
    case .jiraCommentEdited(let change): "edited:\(change.bodyText)"
    case .jiraCommentDeleted(let deletion): "deleted:\(deletion.commentId)"
    case .jiraIssueStatusChanged(let change): "status:\(change.categoryKey)"
    case .jiraIssueAssigneeChanged(let change): "assignee:\(change.assignee?.id ?? "-")"
    default: "other:\(event.type.rawValue)"
    }
}
