import Foundation
import JiraAPI
import Logging

/// Builds clients for tests: fixed flavour, no jitter (factor 1.0), recorded sleeps.
enum JiraTestSupport {
    static let email = "bot@example.com"
    static let apiToken = "ATATT-test-secret"
    static let pat = "pat-test-secret"

    static func client(
        _ baseURL: String, flavor: JiraFlavorSelection = .fixed(.cloud), sleeper: RecordingSleeper = RecordingSleeper(),
        maximumRetries: Int = 4, maximumInlineWait: Duration = .seconds(120), credentials: JiraCredentials? = nil,
        requestTimeout: Duration = .seconds(10)
    ) -> JiraClient {
        let policy = JiraRetryPolicy(
            maximumRetries: maximumRetries, jitter: 1.0...1.0, maximumInlineWait: maximumInlineWait, random: { 0.5 })
        let isCloud = flavor == .fixed(.cloud) || flavor == .detect
        let configuration = JiraClientConfiguration(
            baseURL: baseURL + "/",
            credentials: credentials ?? (isCloud ? .basic(email: email, apiToken: apiToken) : .bearer(token: pat)),
            flavor: flavor, retryPolicy: policy, requestTimeout: requestTimeout, clock: sleeper)
        var logger = Logger(label: "jira-client-test")
        logger.logLevel = .critical
        return JiraClient(configuration: configuration, logger: logger)
    }

    /// Whether two lists of durations agree within 10 ms each.
    static func approximatelyEqual(_ actual: [Duration], _ expected: [Double]) -> Bool {
        actual.count == expected.count && zip(actual, expected).allSatisfy { abs(seconds($0) - $1) < 0.01 }
    }

    /// Seconds of a duration.
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
