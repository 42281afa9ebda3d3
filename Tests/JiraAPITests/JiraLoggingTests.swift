import Foundation
import InMemoryLogging
import JiraAPI
import Logging
import Testing

@Suite("Logging never reveals credentials")
struct JiraLoggingTests {
    @Test("Trace-level logs of retried, throttled and failed calls contain neither token nor Authorization value", arguments: [JiraFlavor.cloud, .dataCenter])
    func noSecretsInLogs(flavor: JiraFlavor) async throws {
        let handler = InMemoryLogHandler()
        let logger: Logger = {
            var logger = Logger(label: "jira-log-test") { _ in handler }
            logger.logLevel = .trace
            return logger
        }()
        let server = ScriptedJiraServer { _, index in
            switch index {
            case 0: .json(429, "", headers: ["Retry-After": "1", "RateLimit-Reason": "jira-burst-based"])
            case 1: .json(503, "")
            default: .json(401, #"{"errorMessages":["Unauthorized"]}"#)
            }
        }
        let credentials: JiraCredentials =
            flavor == .cloud ? .basic(email: JiraTestSupport.email, apiToken: JiraTestSupport.apiToken) : .bearer(token: JiraTestSupport.pat)
        let error = try await server.run { url in
            let configuration = JiraClientConfiguration(
                baseURL: url, credentials: credentials, flavor: .fixed(flavor), retryPolicy: JiraRetryPolicy(jitter: 1.0...1.0),
                clock: RecordingSleeper())
            let client = JiraClient(configuration: configuration, logger: logger)
            return try await #require(throws: JiraAPIError.self) { try await client.myself() }
        }
        #expect(error.httpStatus == 401)
        let secrets = [JiraTestSupport.apiToken, JiraTestSupport.pat, Data("\(JiraTestSupport.email):\(JiraTestSupport.apiToken)".utf8).base64EncodedString()]
        let entries = handler.entries
        #expect(entries.contains { "\($0.message)".contains("Retrying") || "\($0.message)".contains("throttled") })
        for entry in entries {
            let text = "\(entry.message) \(entry.metadata)"
            #expect(!secrets.contains { text.contains($0) }, "log line leaks a secret: \(text)")
        }
        #expect(!secrets.contains { "\(error)".contains($0) })
    }
}
