import AsyncHTTPClient
import Foundation
import JiraPollerStage
import Kafka
import Logging
import NIOCore
import PipelineTesting
import SimulatorControl
import StageRuntime
import Synchronization
import SyncCore
import Testing

/// Every stage and `syncctl` run with every secret set to a recognisable value: traffic in both
/// directions and through the webhook, then failures on purpose (a wrong Guance key, a wrong Jira
/// token, SASL against a broker that does not speak it, the broker down). No secret may appear in
/// any log line, metric, Kafka record (events, links, checkpoints, status, dead letters) or error
/// message.
@Suite("Secrets appear in no log, metric, event, dead letter or error", .serialized)
struct SecretsLeakTests {
    /// Credentials the simulators accept (the Guance key is 32 random characters).
    static let workingSecrets = [TestDeployment.guanceKey, TestDeployment.jiraToken]
    static let webhookSecret = "webhook-secret-canary-4f1e9b2c7a60d5"
    static let kafkaPassword = "kafka-sasl-canary-9d2b71e4"
    static let wrongGuanceKey = "guance-wrong-key-canary-6a8e2d"
    static let wrongJiraToken = "jira-wrong-token-canary-b47c19"
    static var secrets: [String] {
        workingSecrets + [webhookSecret, kafkaPassword, wrongGuanceKey, wrongJiraToken]
    }

    @Test("traffic and failures of every stage and syncctl leak no secret", .timeLimit(.minutes(10)))
    func noSecretAnywhere() async throws {
        let deployment = try await TestDeployment(simulatorArguments: ["--guance-requests-per-minute", "200"])
        let outputs = Mutex<[(source: String, text: String)]>([])
        func record(_ source: String, _ text: String) { outputs.withLock { $0.append((source, text)) } }
        do {
            try await driveTraffic(deployment, record: record)
            try await failOnPurpose(deployment, record: record)
            for topic in SyncTopic.allCases {
                record("topic \(topic.name)", try await Self.records(of: topic.name, deployment: deployment))
            }
        } catch is ExpectationFailedError {
        } catch {
            Issue.record("\(error)")
        }
        let files = (try? FileManager.default.contentsOfDirectory(at: deployment.directory, includingPropertiesForKeys: nil)) ?? []
        for file in files where file.pathExtension == "log" {
            record(file.lastPathComponent, (try? String(contentsOf: file, encoding: .utf8)) ?? "")
        }
        let collected = outputs.withLock { $0 }
        #expect(collected.count > 10 && collected.map(\.text.count).reduce(0, +) > 10_000, "too little output to judge")
        for (source, text) in collected {
            for secret in Self.secrets {
                #expect(!text.contains(secret), "\(source) contains the secret \(secret.prefix(6))…")
            }
        }
        await deployment.stop()
    }

    /// The four stages with working credentials and a webhook secret: a Guance issue reaches Jira,
    /// a Jira comment comes back, webhooks (good and bad) arrive; their metrics are recorded.
    private func driveTraffic(_ deployment: TestDeployment, record: (String, String) -> Void) async throws {
        let control = SimulatorControl(guanceURL: deployment.guanceURL, jiraURL: deployment.jiraURL, jiraAPIVersion: "3")
        let extra = ["JIRA_WEBHOOK_SECRET": Self.webhookSecret, "GUANCE_REQUESTS_PER_MINUTE": "60"]
        let stages = try ["guance-poller", "jira-writer", "jira-poller", "guance-writer"].map { name in
            (name, try deployment.startStage(name, extraEnvironment: extra))
        }
        let issue = try await control.guanceCreateIssue(name: "secrets 测试", description: "<p>canary run</p>", actor: "monitor")
        let key = try await eventually { () -> String? in
            let issues = try await control.jiraIssues(label: "guance-\(issue)")
            return issues.first.flatMap { $0.issue["key"] as? String }
        }
        let jiraKey = try #require(key, "no Jira issue was created")
        let webhookPort = try await deployment.webhookPort(of: "jira-poller")
        let webhookURL = "http://127.0.0.1:\(webhookPort)/webhook/jira"
        let body = Data(#"{"webhookEvent":"comment_created","issue":{"key":"\#(jiraKey)"}}"#.utf8)
        #expect(try await post(webhookURL, body, signature: JiraWebhookReceiver.signature(body: body, secret: Self.webhookSecret)) == 202)
        #expect(try await post(webhookURL, body, signature: JiraWebhookReceiver.signature(body: body, secret: "not-the-secret-at-all")) == 401)
        try await control.jiraUserComments(on: jiraKey, text: "reply through the canary run")
        let back = try await eventually { () -> Bool? in
            let replies = try await control.guanceIssue(issue).replies
            return replies.contains { ($0["content"] as? String ?? "").contains("canary run") } ? true : nil
        }
        #expect(back == true, "the Jira comment did not reach Guance")
        for (name, _) in stages {
            let port = try await deployment.httpPort(of: name)
            record("\(name) /metrics", try await get("http://127.0.0.1:\(port)/metrics"))
            record("\(name) /readyz", try await get("http://127.0.0.1:\(port)/readyz"))
        }
        for (_, process) in stages {
            _ = try await StageProbe.stop(process)
        }
    }

    /// Wrong credentials, a broker that refuses SASL, a broker that is down: for the stages and syncctl.
    private func failOnPurpose(_ deployment: TestDeployment, record: (String, String) -> Void) async throws {
        let wrongKeyFile = deployment.directory.appendingPathComponent("wrong-guance-key")
        let wrongTokenFile = deployment.directory.appendingPathComponent("wrong-jira-token")
        let kafkaPasswordFile = deployment.directory.appendingPathComponent("kafka-password")
        try Self.wrongGuanceKey.write(to: wrongKeyFile, atomically: true, encoding: .utf8)
        try Self.wrongJiraToken.write(to: wrongTokenFile, atomically: true, encoding: .utf8)
        try Self.kafkaPassword.write(to: kafkaPasswordFile, atomically: true, encoding: .utf8)
        let sasl = [
            "KAFKA_SECURITY_PROTOCOL": "sasl_plaintext", "KAFKA_SASL_MECHANISM": "SCRAM-SHA-512",
            "KAFKA_SASL_USERNAME": "guance-jira-sync", "KAFKA_SASL_PASSWORD_FILE": kafkaPasswordFile.path,
        ]
        let brokerDown = sasl.merging(["KAFKA_BROKERS": "127.0.0.1:1"]) { $1 }
        let webhook = ["JIRA_WEBHOOK_SECRET": Self.webhookSecret]

        // Each runs until it logged the failure it was set up for (or a minute), then is stopped.
        let runs: [(stage: String, environment: [String: String], failure: String)] = [
            ("guance-poller", ["GUANCE_API_KEY_FILE": wrongKeyFile.path], "invalid"),
            ("jira-poller", webhook.merging(["JIRA_API_TOKEN_FILE": wrongTokenFile.path]) { $1 }, "401"),
            ("jira-writer", ["JIRA_API_TOKEN_FILE": wrongTokenFile.path, "GUANCE_API_KEY_FILE": wrongKeyFile.path], "401"),
            ("guance-writer", sasl, "SASL"),
            ("jira-writer", brokerDown, "127.0.0.1:1"),
            ("jira-poller", webhook.merging(brokerDown) { $1 }, "127.0.0.1:1"),
        ]
        for run in runs {
            let before = deployment.logLines(of: run.stage).count
            let process = try deployment.startStage(run.stage, extraEnvironment: run.environment)
            let failed = try await eventually(timeout: .seconds(60)) { () -> Bool? in
                deployment.logLines(of: run.stage).dropFirst(before).contains { $0.localizedCaseInsensitiveContains(run.failure) }
                    ? true : (process.isRunning ? nil : true)
            }
            #expect(failed == true, "\(run.stage) with \(run.environment.keys.sorted()) never logged \(run.failure)")
            if process.isRunning { _ = try await StageProbe.stop(process, timeout: .seconds(60)) }
        }

        // syncctl: the same secrets through its commands, failing.
        let base = try deployment.environment(configurationPath: try deployment.writeConfiguration())
        // Each until it failed (an exit status other than 0, or the failure in its output), then stopped.
        let commands: [(arguments: [String], environment: [String: String], failure: String)] = [
            (["topics", "list"], brokerDown, "127.0.0.1:1"),
            (["status"], brokerDown, "127.0.0.1:1"),
            (["dlq", "list"], sasl, "SASL"),
            (["backfill", "--since", "2020-01-01", "--dry-run"], ["GUANCE_API_KEY_FILE": wrongKeyFile.path], "403"),
            (["links", "rebuild", "--dry-run"], ["JIRA_API_TOKEN_FILE": wrongTokenFile.path], "401"),
            (["run", "--stages", "jira-poller", "--http-port", "0"],
             webhook.merging(["JIRA_API_TOKEN_FILE": wrongTokenFile.path]) { $1 }, "401"),
        ]
        for command in commands {
            let name = "syncctl \(command.arguments.joined(separator: " "))"
            let process = try ChildProcess(
                command.arguments, executable: "syncctl", environment: base.merging(command.environment) { $1 },
                captureStandardError: true)
            let failed = try await eventually(timeout: .seconds(60)) { () -> Bool? in
                if !process.isRunning { return true }
                return (process.lines + process.errorLines).contains { $0.localizedCaseInsensitiveContains(command.failure) } ? true : nil
            }
            if process.isRunning {
                process.terminate()
                if try await process.waitForExit(timeout: .seconds(45)) == nil { process.kill() }
            }
            let text = (process.lines + process.errorLines).joined(separator: "\n")
            record(name, text)
            #expect(failed == true && (process.exitStatus != 0 || text.localizedCaseInsensitiveContains(command.failure)),
                    "\(name) was meant to fail: \(text.suffix(500))")
        }
    }

    /// Every record of `topic` (key and value as text), read from the beginning.
    static func records(of topic: String, deployment: TestDeployment) async throws -> String {
        let collected = Mutex<[String]>([])
        let kafka = StageKafka(brokers: [deployment.bootstrap], clientID: "secrets-test")
        let tail = try await CompactedTopicTail<String>(
            topic: topic, kafka: kafka, logger: Logger(label: "secrets-test"),
            decode: { _, value in String(decoding: value, as: UTF8.self) },
            onApply: { key, value in collected.withLock { $0.append(key + "\t" + (value ?? "")) } })
        try await tail.catchUp(timeout: .seconds(60))
        await tail.close()
        return collected.withLock { $0.joined(separator: "\n") }
    }

    private func eventually<Value>(timeout: Duration = .seconds(120), _ probe: () async throws -> Value?) async throws -> Value? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let value = try await probe() { return value }
            try await Task.sleep(for: .milliseconds(250))
        }
        return try await probe()
    }

    private func post(_ url: String, _ body: Data, signature: String) async throws -> Int {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "X-Hub-Signature", value: signature)
        request.headers.add(name: "X-Atlassian-Webhook-Identifier", value: UUID().uuidString)
        request.body = .bytes(ByteBuffer(bytes: Array(body)))
        return Int(try await HTTPClient.shared.execute(request, timeout: .seconds(30)).status.code)
    }

    private func get(_ url: String) async throws -> String {
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: url), timeout: .seconds(30))
        return String(buffer: try await response.body.collect(upTo: 16 << 20))
    }
}
