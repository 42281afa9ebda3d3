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
    /// writer replica's part of its share), else the stage's entry in `guance.stageBudgets` — in a
    /// process hosting several stages (`syncctl run`), the entries of all of them: they share one
    /// limiter per key (``GuanceRateLimiterRegistry``), whose budget the first client sets.
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

    /// The environment variable (or `…_FILE`) holding guance-poller's extra read keys.
    package static let poolKeysVariable = "GUANCE_POOL_API_KEYS"
    /// The most requests a minute a Guance workspace accepts across all its keys (documented).
    package static let workspaceRequestsPerMinute = 200

    /// guance-poller's key pool: the stage's key (`GUANCE_API_KEY`, with the stage's share) plus the
    /// read keys in `GUANCE_POOL_API_KEYS` (or `GUANCE_POOL_API_KEYS_FILE`): secrets separated by
    /// white space or commas, each optionally `secret:requestsPerMinute` (default 20, the documented
    /// per-key limit). Pool keys only read (lists, reply lists); every write stays with the stages'
    /// own key.
    /// - Throws: ``StageError/configuration(_:)`` for a malformed entry, a repeated key, or keys that
    ///   together exceed the workspace's 200 requests a minute.
    package static func guancePool(_ context: StageContext, httpClient: HTTPClient = StageHTTPClient.shared) throws -> GuanceClientPool {
        let primary = try guance(context, httpClient: httpClient)
        let others = try guancePoolKeys(context).map { entry in
            var configuration = primary.configuration
            configuration.apiKey = GuanceAPIKey(entry.secret)
            configuration.rateLimit = GuanceRateLimitPolicy(requestsPerWindow: entry.requestsPerMinute)
            return GuanceClient(httpClient: httpClient, configuration: configuration, logger: context.logger)
        }
        return GuanceClientPool(primary: primary, others: others)
    }

    /// The entries of `GUANCE_POOL_API_KEYS` (none when unset).
    package static func guancePoolKeys(_ context: StageContext) throws -> [(secret: String, requestsPerMinute: Int)] {
        guard let text = try secret(poolKeysVariable, context)?.reveal() else { return [] }
        var entries: [(secret: String, requestsPerMinute: Int)] = []
        for item in text.split(whereSeparator: { $0.isWhitespace || $0 == "," }) {
            let parts = item.split(separator: ":", maxSplits: 1)
            let rate = parts.count == 2 ? Int(parts[1]) : 20
            guard let rate, rate >= 1, !parts[0].isEmpty else {
                throw StageError.configuration("\(poolKeysVariable): an entry is not `key` or `key:requestsPerMinute` (the entry is not shown: it holds a secret)")
            }
            entries.append((String(parts[0]), rate))
        }
        let secrets = entries.map(\.secret)
        if Set(secrets).count != secrets.count {
            throw StageError.configuration("\(poolKeysVariable): a key is listed twice")
        }
        let total = context.configuration.guance.requestsPerMinute + entries.reduce(0) { $0 + $1.requestsPerMinute }
        if total > workspaceRequestsPerMinute {
            throw StageError.configuration(
                "guance.requestsPerMinute and \(poolKeysVariable) add up to \(total) requests/min, more than a workspace allows (\(workspaceRequestsPerMinute))")
        }
        return entries
    }

    /// The requests per minute the stage may send with its Guance key.
    package static func guanceBudget(_ context: StageContext) throws(StageError) -> Int {
        if let text = context.environment["GUANCE_REQUESTS_PER_MINUTE"] {
            guard let value = Int(text), value >= 1 else {
                throw StageError.configuration("GUANCE_REQUESTS_PER_MINUTE must be a positive number, got \(text)")
            }
            return value
        }
        let guance = context.configuration.guance
        let share = context.hostedStages.reduce(0) { $0 + guance.budget(forStage: $1) }
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
