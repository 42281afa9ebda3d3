import AsyncHTTPClient
import Foundation
import Kafka
import Logging
import NIOCore
import PipelineTesting
import SimulatorControl
import StageRuntime
import SyncCore

/// One end-to-end deployment for guance-writer tests: dev broker + simulators (separate processes),
/// a Kafka producer to feed `jira.events.v1` and seed `sync.links.v1`, the Guance simulator's
/// control API, and guance-writer processes started on demand.
final class WriterDeployment: Sendable {
    let deployment: TestDeployment
    let kafka: StageKafka
    let producer: KafkaProducer
    let configurationPath: String
    let simulators: SimulatorControl
    let logger = Logger(label: "guance-writer-tests")

    /// - Parameters:
    ///   - guanceRequestsPerMinute: the simulator's per-key limit (0 = unlimited).
    ///   - policies: YAML lines under `policies:`.
    init(guanceRequestsPerMinute: Int = 0, guanceBehaviour: String? = nil, policies: [String] = []) async throws {
        var arguments = ["--guance-requests-per-minute", "\(guanceRequestsPerMinute)"]
        if let guanceBehaviour { arguments += ["--guance-behaviour", guanceBehaviour] }
        deployment = try await TestDeployment(simulatorArguments: arguments)
        kafka = StageKafka(brokers: [deployment.bootstrap], clientID: "guance-writer-tests")
        producer = try KafkaProducer(configuration: kafka.producer, logger: logger)
        var yaml = deployment.defaultConfiguration()
        if !policies.isEmpty {
            yaml += "\npolicies:\n" + policies.map { "  " + $0 }.joined(separator: "\n") + "\n"
        }
        configurationPath = try deployment.writeConfiguration(yaml)
        simulators = SimulatorControl(guanceURL: deployment.guanceURL, jiraURL: deployment.jiraURL, jiraAPIVersion: "3")
    }

    /// Runs `body` with a fresh deployment, stopped afterwards whatever happens.
    static func with(
        guanceRequestsPerMinute: Int = 0, guanceBehaviour: String? = nil, policies: [String] = [],
        _ body: (WriterDeployment) async throws -> Void
    ) async throws {
        let deployment = try await WriterDeployment(
            guanceRequestsPerMinute: guanceRequestsPerMinute, guanceBehaviour: guanceBehaviour, policies: policies)
        do {
            try await body(deployment)
        } catch {
            await deployment.stop()
            throw error
        }
        await deployment.stop()
    }

    func stop() async {
        await producer.shutdown()
        await deployment.stop()
    }

    // MARK: guance-writer

    /// Starts guance-writer. Settle and unlinked waits are shortened for tests; the budget is
    /// `requestsPerMinute` (tests go faster than the production share of 3/min).
    func startWriter(
        requestsPerMinute: Int = 600, crashAt: String? = nil, arguments: [String] = [], environment: [String: String] = [:]
    ) throws -> ChildProcess {
        var extra = [
            "GUANCE_REQUESTS_PER_MINUTE": "\(requestsPerMinute)", "GUANCE_WRITER_SETTLE_SECONDS": "1",
            "GUANCE_WRITER_UNLINKED_GRACE_SECONDS": "3", "GUANCE_WRITER_MAX_RETRY_SECONDS": "2", "SYNC_LOG_LEVEL": "debug",
        ]
        if let crashAt { extra["SYNC_FAULT_CRASH_AT"] = crashAt }
        extra.merge(environment) { $1 }
        return try deployment.startStage(
            "guance-writer", arguments: arguments, configurationPath: configurationPath, extraEnvironment: extra)
    }

    /// guance-writer's `/readyz`: HTTP status and body.
    func readiness() async throws -> (status: Int, body: String) {
        let port = try await deployment.httpPort(of: "guance-writer")
        let response = try await HTTPClient.shared.execute(
            HTTPClientRequest(url: "http://127.0.0.1:\(port)/readyz"), timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), String(buffer: body))
    }

    /// Writes a file holding a Guance API key the simulator does not know; returns its path.
    func wrongKeyFile() throws -> String {
        let url = deployment.directory.appendingPathComponent("wrong-guance-key")
        try "not-a-known-key".write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    // MARK: Kafka

    /// Produces Jira events to `jira.events.v1`, acknowledged on return.
    func produce(_ events: [SyncEvent]) async throws {
        for event in events {
            _ = try await producer.send(try EventPublisher.message(for: event))
        }
    }

    /// Seeds the issue link Jira issue `jiraIssueId` ↔ Guance issue `guanceIssueUUID`.
    func link(jiraIssueId: String, key: String, to guanceIssueUUID: String, linkedAt: Date = Date()) async throws {
        let record = LinkRecord(
            kind: .issue, guanceIssueUUID: guanceIssueUUID, jiraIssueId: jiraIssueId, jiraIssueKey: key, origin: .guance,
            provenance: .created, linkedAt: linkedAt)
        _ = try await producer.send(
            KafkaProducerMessage(
                topic: SyncTopic.links.name, key: Array(record.key.utf8),
                value: Array(try SyncEventCodec.makeEncoder().encode(record))))
    }

    /// Writes `record` onto the link topic (acknowledged), as another writer replica would.
    func recordLink(_ record: LinkRecord) async throws {
        _ = try await producer.send(
            KafkaProducerMessage(
                topic: SyncTopic.links.name, key: Array(record.key.utf8),
                value: Array(try SyncEventCodec.makeEncoder().encode(record))))
    }

    /// Deletes the link record of Jira comment `commentId` (a tombstone), as if the table had lost it.
    func forgetCommentLink(_ commentId: String) async throws {
        _ = try await producer.send(
            KafkaProducerMessage(
                topic: SyncTopic.links.name, key: Array("comment/\(commentId)".utf8), value: nil as [UInt8]?))
    }

    /// Every dead letter written so far.
    func deadLetters() async throws -> [DeadLetter] {
        var assignment: [KafkaTopicPartition: KafkaStartOffset] = [:]
        for partition in 0..<Int32(3) {
            assignment[KafkaTopicPartition(topic: SyncTopic.deadLetters.name, partition: partition)] = .beginning
        }
        let admin = try KafkaAdmin(configuration: kafka.client, logger: logger)
        let lags = try await admin.lag(group: "nobody", topic: SyncTopic.deadLetters.name)
        await admin.shutdown()
        let expected = lags.reduce(0) { $0 + $1.highWatermark - $1.lowWatermark }
        guard expected > 0 else { return [] }
        let reader = try KafkaConsumer(
            configuration: kafka.reader(purpose: "dead-letters"), assignment: assignment, logger: logger)
        var letters: [DeadLetter] = []
        for try await message in reader.messages {
            letters.append(try SyncEventCodec.makeDecoder().decode(DeadLetter.self, from: Data(message.value ?? [])))
            if letters.count >= Int(expected) { break }
        }
        await reader.close()
        return letters
    }

    /// Whether group `group` has committed everything on `jira.events.v1`.
    func hasCaughtUp(group: String = "guance-jira-sync.guance-writer") async throws -> Bool {
        let admin = try KafkaAdmin(configuration: kafka.client, logger: logger)
        let lags = try await admin.lag(group: group, topic: SyncTopic.jiraEvents.name)
        await admin.shutdown()
        return lags.allSatisfy { $0.lag == 0 }
    }

    // MARK: Guance simulator

    /// Creates a Guance issue as a workspace member; returns its UUID.
    func createGuanceIssue(_ name: String) async throws -> String {
        try await simulators.guanceCreateIssue(name: name, description: "from the test")
    }

    /// Changes a Guance issue's status as a workspace member; returns the issue's `updateAt`.
    @discardableResult
    func setGuanceStatus(_ uuid: String, _ statusType: Int) async throws -> Double {
        let issue = try await simulators.call(
            simulators.guanceURL + "/__sim/issues/\(uuid)/modify", body: ["statusType": statusType])
        return try SimJSON.number(issue["updateAt"])
    }

    /// Injects a product-API fault (`/__sim/faults`).
    func injectFault(_ fields: [String: Any]) async throws {
        _ = try await simulators.call(simulators.guanceURL + "/__sim/faults", body: fields)
    }

    /// The simulator's state dump.
    func state() async throws -> SimState {
        SimState(json: try await simulators.guanceState())
    }

    /// Polls `condition` until it holds or `timeout` passes.
    static func eventually(
        _ what: String, timeout: Duration = .seconds(60), _ condition: () async throws -> Bool
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(250))
        }
        throw DeploymentError("timed out waiting for \(what)")
    }
}
