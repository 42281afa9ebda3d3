import AsyncHTTPClient
import Foundation
import Kafka
import Logging
import NIOCore
import NIOHTTP1
import PipelineTesting
import StageRuntime
import SyncCore

/// A test deployment for jira-writer: dev broker, simulators, and writer processes started and
/// killed at will; events are produced straight onto `guance.events.v1`.
final class WriterDeployment: Sendable {
    let deployment: TestDeployment
    let configurationPath: String
    private let producer: KafkaProducer
    private let publisher: EventPublisher
    static let logger = Logger(label: "jira-writer-tests")

    /// Starts the broker and the simulators.
    /// - Parameters:
    ///   - simulatorArguments: extra `sync-dev sim` arguments.
    ///   - policies: YAML lines appended under `policies:`.
    ///   - dataCenter: configure the Data Center flavour (PAT) instead of detecting it (Cloud credentials win otherwise).
    ///   - jira: YAML lines appended under `jira:` (e.g. `  migrationAccount: dataflux`).
    init(
        simulatorArguments: [String] = [], policies: String = "  backlink: none", dataCenter: Bool = false, jira: String = ""
    ) async throws {
        deployment = try await TestDeployment(simulatorArguments: simulatorArguments)
        var yaml = deployment.defaultConfiguration() + "\npolicies:\n" + policies + "\n"
        if dataCenter { yaml = yaml.replacingOccurrences(of: "flavor: auto", with: "flavor: datacenter") }
        if !jira.isEmpty { yaml = yaml.replacingOccurrences(of: "  overlapMinutes: 2\n", with: "  overlapMinutes: 2\n" + jira + "\n") }
        configurationPath = try deployment.writeConfiguration(yaml)
        producer = try KafkaProducer(
            configuration: StageKafka(brokers: [deployment.bootstrap], clientID: "jira-writer-tests").producer,
            logger: Self.logger)
        publisher = EventPublisher(producer: producer, stage: "jira-writer-tests")
    }

    /// Runs `body` against a fresh deployment and stops the deployment afterwards, even on failure.
    static func with(
        simulatorArguments: [String] = [], policies: String = "  backlink: none", dataCenter: Bool = false, jira: String = "",
        _ body: (WriterDeployment) async throws -> Void
    ) async throws {
        let harness = try await WriterDeployment(
            simulatorArguments: simulatorArguments, policies: policies, dataCenter: dataCenter, jira: jira)
        do {
            try await body(harness)
        } catch {
            await harness.stop()
            throw error
        }
        await harness.stop()
    }

    /// Starts a jira-writer with `environment` added (fault points, settle time, …).
    func startWriter(_ environment: [String: String] = [:], arguments: [String] = []) throws -> ChildProcess {
        var extra = ["JIRA_WRITER_SEARCH_RETRY_SECONDS": "2", "SYNC_LOG_LEVEL": "info"]
        extra.merge(environment) { $1 }
        return try deployment.startStage(
            "jira-writer", arguments: arguments, configurationPath: configurationPath, extraEnvironment: extra)
    }

    /// Runs `jira-writer --check-config` with `yaml` and returns its exit status.
    func checkConfig(_ yaml: String) async throws -> Int32? {
        let path = try deployment.writeConfiguration(yaml, name: "check-\(UUID().uuidString).yaml")
        let process = try deployment.startStage("jira-writer", arguments: ["--check-config"], configurationPath: path)
        return try await process.waitForExit(timeout: .seconds(60))
    }

    /// Publishes events (acknowledged) in order.
    func publish(_ events: [SyncEvent]) async throws {
        try await publisher.publish(events)
    }

    /// Writes `record` onto the link topic (acknowledged), as another writer replica would.
    func recordLink(_ record: LinkRecord) async throws {
        let value = try SyncEventCodec.makeEncoder().encode(record)
        _ = try await producer.send(KafkaProducerMessage(
            topic: SyncTopic.links.name, key: Array(record.key.utf8), value: Array(value)))
    }

    /// Stops a writer gracefully (SIGTERM: drain, commit, leave the group).
    func stop(_ writer: ChildProcess) async throws {
        writer.terminate()
        guard try await writer.waitForExit(timeout: .seconds(60)) != nil else {
            writer.kill()
            throw DeploymentError("jira-writer did not stop on SIGTERM")
        }
    }

    /// Replays the writer's group from the beginning of `guance.events.v1` (writers must be stopped).
    ///
    /// Against the dev broker (librdkafka's mock cluster) the first join right after a member left
    /// sometimes never receives every partition; a second join gets them within seconds, so the
    /// reset is tried up to three times.
    func resetGroupToBeginning() async throws {
        let admin = try KafkaAdmin(
            configuration: StageKafka(brokers: [deployment.bootstrap], clientID: "jira-writer-tests").client, logger: Self.logger)
        var failure: (any Error)?
        for _ in 1...3 {
            do {
                try await admin.resetOffsets(
                    group: "guance-jira-sync.jira-writer", topic: SyncTopic.guanceEvents.name, to: .beginning,
                    timeout: .seconds(20))
                failure = nil
                break
            } catch {
                failure = error
            }
        }
        await admin.shutdown()
        if let failure { throw failure }
    }

    /// Every dead letter written so far.
    func deadLetters() async throws -> [DeadLetter] {
        let kafka = StageKafka(brokers: [deployment.bootstrap], clientID: "jira-writer-tests-\(UUID().uuidString)")
        let admin = try KafkaAdmin(configuration: kafka.client, logger: Self.logger)
        let partitions = try await admin.listTopics().first { $0.name == SyncTopic.deadLetters.name }?.partitions.map(\.id) ?? []
        var ends: [Int32: Int64] = [:]
        for partition in partitions {
            ends[partition] = try await admin.watermarks(
                of: KafkaTopicPartition(topic: SyncTopic.deadLetters.name, partition: partition)).high
        }
        await admin.shutdown()
        var assignment: [KafkaTopicPartition: KafkaStartOffset] = [:]
        for (partition, end) in ends where end > 0 {
            assignment[KafkaTopicPartition(topic: SyncTopic.deadLetters.name, partition: partition)] = .beginning
        }
        guard !assignment.isEmpty else { return [] }
        let consumer = try KafkaConsumer(configuration: kafka.reader(purpose: "dead-letters"), assignment: assignment, logger: Self.logger)
        var letters: [DeadLetter] = []
        var remaining = ends.filter { $0.value > 0 }
        for try await message in consumer.messages {
            if let value = message.value, let letter = try? SyncEventCodec.makeDecoder().decode(DeadLetter.self, from: Data(value)) {
                letters.append(letter)
            }
            if message.offset + 1 >= remaining[message.partition] ?? 0 { remaining[message.partition] = nil }
            if remaining.isEmpty { break }
        }
        await consumer.close()
        return letters
    }

    /// The Jira simulator's state (`issues`, `comments`, `requestCounts`).
    func jiraState() async throws -> JiraSimState {
        let request = HTTPClientRequest(url: deployment.jiraURL + "/__sim/state")
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = try await response.body.collect(upTo: 64 << 20)
        return try JiraSimState(json: Data(buffer: body))
    }

    /// Sets the Jira simulator's clock (its search index lags behind this clock).
    func setJiraClock(_ date: Date, frozen: Bool) async throws {
        try await jiraControl(.POST, "/__sim/clock", body: [
            "epochMillis": (date.timeIntervalSince1970 * 1000).rounded(), "frozen": frozen,
        ])
    }

    /// Moves a Jira issue into the `done` category as the human `alice` (resolution "Done").
    func resolveAsHuman(_ key: String, dataCenter: Bool = false) async throws {
        let api = "/__sim/as/alice/rest/api/\(dataCenter ? "2" : "3")/issue/\(key)/transitions"
        let listed = try await jiraControl(.GET, api + "?expand=transitions.fields") as? [String: Any]
        let done = (listed?["transitions"] as? [[String: Any]])?.first {
            (($0["to"] as? [String: Any])?["statusCategory"] as? [String: Any])?["key"] as? String == "done"
        }
        guard let id = done?["id"] else { throw DeploymentError("\(key) has no transition to done") }
        try await jiraControl(.POST, api, body: ["transition": ["id": id], "fields": ["resolution": ["id": "10000"]]])
    }

    /// Sends a control request to the Jira simulator and returns the parsed answer.
    @discardableResult
    func jiraControl(_ method: HTTPMethod, _ path: String, body: [String: Any]? = nil) async throws -> Any? {
        try await Self.send(method, deployment.jiraURL + path, body: body)
    }

    /// Sends a control request to the Guance simulator and returns the parsed answer.
    @discardableResult
    func guanceControl(_ method: HTTPMethod, _ path: String, body: [String: Any]? = nil) async throws -> Any? {
        try await Self.send(method, deployment.guanceURL + path, body: body)
    }

    /// The writer's `sync_effects_total` for `effect`, from its `/metrics` (0 before the first one).
    func effectCount(_ effect: String) async throws -> Double {
        let port = try await deployment.httpPort(of: "jira-writer")
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)/metrics"), timeout: .seconds(10))
        let text = String(buffer: try await response.body.collect(upTo: 16 << 20))
        let line = text.split(separator: "\n").first { $0.hasPrefix(StageMetricName.effects) && $0.contains("effect=\"\(effect)\"") }
        return line.flatMap { $0.split(separator: " ").last.flatMap { Double($0) } } ?? 0
    }

    private static func send(_ method: HTTPMethod, _ url: String, body: [String: Any]?) async throws -> Any? {
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "content-type", value: "application/json")
        if let body { request.body = .bytes(ByteBuffer(data: try JSONSerialization.data(withJSONObject: body))) }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let bytes = try await response.body.collect(upTo: 16 << 20)
        guard (200..<300).contains(response.status.code) else {
            throw DeploymentError("\(method) \(url) answered \(response.status.code): \(String(buffer: bytes))")
        }
        return bytes.readableBytes == 0 ? nil : try JSONSerialization.jsonObject(with: Data(buffer: bytes), options: [.fragmentsAllowed])
    }

    /// Polls `condition` until it holds or `timeout` passes; returns whether it held.
    func eventually(timeout: Duration = .seconds(90), _ condition: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(250))
        }
        return try await condition()
    }

    /// Stops everything.
    func stop() async {
        await producer.shutdown()
        await deployment.stop()
    }
}

extension JiraSimState {
    /// Jira writes (not searches): what a replay must not cause.
    var writes: Int {
        requestCounts.filter { label, _ in
            ["POST ", "PUT ", "DELETE "].contains { label.hasPrefix($0) } && !label.contains("/search")
        }.values.reduce(0, +)
    }
}

extension WriterDeployment {
    /// Waits until the Jira comment of `reply` exists: a marker reply published on the issue's
    /// partition after the events under test, so those are handled once it is there.
    func waitForComment(ofReply reply: String, timeout: Duration = .seconds(300)) async throws -> Bool {
        try await eventually(timeout: timeout) { try await !jiraState().comments(forReply: reply).isEmpty }
    }

    /// Stops `writer`, replays its group from the beginning of the topic with a marker reply on
    /// `issue` (at `minute`) to tell when the replay is through, and returns whether it got there and
    /// how many Jira writes the replay made (the marker's comment is one).
    func replay(stopping writer: ChildProcess, issue: String, minute: Int) async throws -> (caughtUp: Bool, writes: Int) {
        try await stop(writer)
        let before = try await jiraState().writes
        try await resetGroupToBeginning()
        let marker = GuanceEvents.replyUUID()
        try await publish([GuanceEvents.reply(issue, reply: marker, text: "replay marker", minute: minute)])
        let replaying = try startWriter()
        let caughtUp = try await waitForComment(ofReply: marker)
        let writes = try await jiraState().writes - before
        try await stop(replaying)
        return (caughtUp, writes)
    }
}
