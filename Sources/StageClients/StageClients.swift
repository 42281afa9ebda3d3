import AsyncHTTPClient
import Foundation
import GuanceAPI
import JiraAPI
import StageRuntime
import SyncCore

/// Builds a stage's API clients from its context: base URLs from the configuration file, secrets
/// from the environment (`NAME` or `NAME_FILE`), the stage's share of the Guance budget, metrics
/// on every exchange, and waits (budget, back-off) that end when the process stops.
package enum StageClients {
    /// The Guance client of `context`'s stage.
    ///
    /// Budget: `GUANCE_REQUESTS_PER_MINUTE` when set (e.g. a stage with a key of its own, or a
    /// writer replica's part of its share), else the stage's entry in `guance.stageBudgets`.
    /// - Throws: ``StageError/configuration(_:)`` when the key is missing or has no budget.
    package static func guance(_ context: StageContext, httpClient: HTTPClient = StageHTTPClient.shared) throws -> GuanceClient {
        guard let key = try secret("GUANCE_API_KEY", context) else {
            throw StageError.configuration("GUANCE_API_KEY (or GUANCE_API_KEY_FILE) is not set")
        }
        let budget = try guanceBudget(context)
        var configuration = GuanceClientConfiguration(
            baseURL: context.configuration.guance.baseURL, apiKey: GuanceAPIKey(key.reveal()),
            rateLimit: GuanceRateLimitPolicy(requestsPerWindow: budget),
            userAgent: "guance-jira-sync/\(context.stage)")
        configuration.onExchange = APICallMetrics.observer(stage: context.stage, api: .guance)
        configuration.clock = StageAPIClock()
        configuration.hostClock = context.crashPoints.hostClock
        return GuanceClient(httpClient: httpClient, configuration: configuration, logger: context.logger)
    }

    /// The requests per minute the stage may send with its Guance key.
    package static func guanceBudget(_ context: StageContext) throws(StageError) -> Int {
        if let text = context.environment["GUANCE_REQUESTS_PER_MINUTE"] {
            guard let value = Int(text), value >= 1 else {
                throw StageError.configuration("GUANCE_REQUESTS_PER_MINUTE must be a positive number, got \(text)")
            }
            return value
        }
        let share = context.configuration.guance.budget(forStage: context.stage)
        guard share >= 1 else {
            throw StageError.configuration(
                "\(context.stage) has no Guance budget: add it to guance.stageBudgets or set GUANCE_REQUESTS_PER_MINUTE")
        }
        return share
    }

    /// The Jira client of `context`'s stage: Cloud basic auth (`JIRA_EMAIL` + `JIRA_API_TOKEN`)
    /// or a Data Center personal access token (`JIRA_PAT`); `jira.flavor` picks or detects the flavour.
    /// - Throws: ``StageError/configuration(_:)`` when no usable credentials are set.
    package static func jira(_ context: StageContext, httpClient: HTTPClient = StageHTTPClient.shared) throws -> JiraClient {
        let flavorSetting = context.configuration.jira.flavor
        let token = try secret("JIRA_API_TOKEN", context)
        let email = try secret("JIRA_EMAIL", context)
        let pat = try secret("JIRA_PAT", context)
        let credentials: JiraCredentials
        switch (flavorSetting, email, token, pat) {
        case ("datacenter", _, _, let pat?):
            credentials = .bearer(token: pat.reveal())
        case (_, let email?, let token?, _) where flavorSetting != "datacenter":
            credentials = .basic(email: email.reveal(), apiToken: token.reveal())
        case ("auto", _, _, let pat?):
            credentials = .bearer(token: pat.reveal())
        default:
            throw StageError.configuration(
                "Jira credentials missing: set JIRA_EMAIL and JIRA_API_TOKEN (Cloud) or JIRA_PAT (Data Center), or their *_FILE variants")
        }
        let flavor: JiraFlavorSelection = switch flavorSetting {
        case "cloud": .fixed(.cloud)
        case "datacenter": .fixed(.dataCenter)
        default: .detect
        }
        var configuration = JiraClientConfiguration(
            baseURL: context.configuration.jira.baseURL, credentials: credentials, flavor: flavor,
            userAgent: "guance-jira-sync/\(context.stage)")
        configuration.onExchange = APICallMetrics.observer(stage: context.stage, api: .jira)
        configuration.clock = StageAPIClock()
        return JiraClient(httpClient: httpClient, configuration: configuration, logger: context.logger)
    }

    private static func secret(_ name: String, _ context: StageContext) throws(StageError) -> Secret? {
        do {
            return try Secret.fromEnvironment(name, environment: context.environment)
        } catch {
            throw StageError.configuration("\(error)")
        }
    }
}
