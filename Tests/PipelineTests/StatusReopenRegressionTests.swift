import Foundation
import Kafka
import Logging
import PipelineTesting
import SimulatorControl
import StageRuntime
import SyncCore
import Testing

/// The field report "a Guance reopen after a Jira resolve never reaches Jira", played with both
/// writers as separate processes and the pollers' events produced by the test, so the poller's
/// blind spot is exact: guance-poller never sees the Guance status guance-writer wrote (an issue
/// older than the overlap in `createAt` mode, between two sweeps), only the person's reopen after it.
/// Before the status ledger jira-writer kept "the status both sides agreed on" alone, never learned
/// of guance-writer's write, and refused the reopen (`agreed: new`) forever.
@Suite("Status: a Guance reopen after a Jira resolve", .serialized)
struct StatusReopenRegressionTests {
    typealias Support = PipelineTestSupport

    @Test("Jira resolved → guance-writer resolves Guance → a person reopens Guance (its echo never seen) → Jira reopens")
    func reopenAfterJiraResolve() async throws {
        let deployment = try await TestDeployment(simulatorArguments: ["--guance-requests-per-minute", "0"])
        let control = Support.control(deployment)
        let config = try deployment.writeConfiguration()
        let writers = try ["jira-writer", "guance-writer"].map { try deployment.startStage($0, configurationPath: config) }
        let kafka = StageKafka(brokers: StageKafka.parseBrokers(deployment.bootstrap), clientID: "reopen-regression")
        let producer = try KafkaProducer(configuration: kafka.producer, logger: Logger(label: "reopen-regression"))
        func publish(_ event: SyncEvent) async throws {
            _ = try await producer.send(try EventPublisher.message(for: event))
        }

        // A Guance issue and its snapshot, as guance-poller would publish it: jira-writer creates the twin.
        let uuid = try await control.guanceCreateIssue(name: "订单服务 5xx", description: "<p>5xx</p>", actor: "monitor")
        try await publish(try await Self.snapshot(uuid, control: control))
        let twin = try await Support.eventually { Support.jiraByLabel(try await control.jiraState())["guance-\(uuid)"]?.first }
        let key = try #require(twin, "no Jira twin; logs in \(deployment.directory.path)").key
        let jiraId = try await Self.jiraId(of: key, control: control)
        // jira-writer posts the back-link onto the Guance issue (a modify): guance-poller would deliver it.
        let backlinked = try await Support.eventually { () -> Bool? in
            let (issue, _) = try await control.guanceIssue(uuid)
            return "\(issue?["extend"] ?? "")".contains("/browse/\(key)") ? true : nil
        }
        #expect(backlinked == true, "no back-link; logs in \(deployment.directory.path)")
        try await publish(try await Self.snapshot(uuid, control: control))

        // A person resolves the Jira issue; jira-poller's event reaches guance-writer, which resolves Guance.
        try await control.jiraUserTransitions(key, toCategory: "done")
        try await publish(try await Self.jiraStatusEvent(jiraId: jiraId, key: key, uuid: uuid, control: control))
        let resolved = try await Support.eventually { () -> Bool? in
            let (issue, _) = try await control.guanceIssue(uuid)
            return [20, 25].contains(issue?["statusType"] as? Int ?? 0) ? true : nil
        }
        #expect(resolved == true, "guance-writer did not resolve Guance; logs in \(deployment.directory.path)")

        // 30 s later in the report (2 s here) a person reopens Guance; guance-poller sees only that.
        try await Task.sleep(for: .seconds(2))
        try await control.guanceStatus(issue: uuid, statusType: 10, by: "acnt_9f8e7d6c5b4a39281706f5e4d3c2b1a0")
        try await publish(try await Self.snapshot(uuid, control: control))
        let reopened = try await Support.eventually(timeout: .seconds(60)) { () -> Bool? in
            Support.jiraByLabel(try await control.jiraState())["guance-\(uuid)"]?.first?.category == "done" ? nil : true
        }
        #expect(reopened == true, "Jira stayed done after the Guance reopen; logs in \(deployment.directory.path)")

        await producer.shutdown()
        for writer in writers { writer.terminate() }
        for writer in writers { _ = try? await writer.waitForExit(timeout: .seconds(60)) }
        await deployment.stop(keepingLogs: reopened != true)
    }

    /// The snapshot guance-poller would publish for the issue as the simulator holds it now.
    static func snapshot(_ uuid: String, control: SimulatorControl) async throws -> SyncEvent {
        let (issue, _) = try await control.guanceIssue(uuid)
        let object = try #require(issue)
        func seconds(_ key: String) -> Date? {
            (object[key] as? Double ?? (object[key] as? Int).map(Double.init)).map { Date(timeIntervalSince1970: $0) }
        }
        let snapshot = GuanceIssueSnapshot(
            issueUUID: uuid, name: object["name"] as? String ?? "", descriptionHTML: object["description"] as? String ?? "",
            level: GuanceIssueSnapshot.Level(id: object["level"] as? String ?? "system_level_2"),
            statusType: object["statusType"] as? Int ?? 10, resourceType: "checker",
            createdAt: seconds("createAt"), updatedAt: seconds("updateAt") ?? seconds("createAt"))
        return SyncEvent(body: .guanceIssueSnapshot(snapshot), occurredAt: snapshot.updatedAt ?? Date(), observedAt: Date())
    }

    /// The status event jira-poller would publish for the Jira issue as the simulator holds it now.
    static func jiraStatusEvent(jiraId: String, key: String, uuid: String, control: SimulatorControl) async throws -> SyncEvent {
        let issue = try #require(Support.jiraByLabel(try await control.jiraState())["guance-\(uuid)"]?.first)
        let now = Date()
        let change = JiraStatusChange(
            issue: JiraIssueRef(id: jiraId, key: key, guanceIssueUUID: uuid), statusId: "10001", statusName: "Done",
            categoryKey: issue.category, changedAt: now)
        return SyncEvent(body: .jiraIssueStatusChanged(change), occurredAt: now, observedAt: now)
    }

    /// The Jira issue id of `key`.
    static func jiraId(of key: String, control: SimulatorControl) async throws -> String {
        let issues = try await control.jiraState()["issues"] as? [[String: Any]] ?? []
        return try #require(issues.first { $0["key"] as? String == key }?["id"] as? String)
    }
}
