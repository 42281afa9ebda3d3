import APICore
import Foundation

/// Everything a ``GuanceClient`` needs besides the `HTTPClient` and the `Logger`.
public struct GuanceClientConfiguration: Sendable {
    /// The site's OpenAPI endpoint, e.g. ``GuanceSite/china1`` or a private deployment's URL
    /// (a path prefix such as `https://host/guance` is kept). A trailing `/` is ignored.
    public var baseURL: String
    /// The API key (sent as `DF-API-KEY`, never logged).
    public var apiKey: GuanceAPIKey
    /// Deadline of one HTTP attempt, including reading the body.
    public var requestTimeout: Duration
    /// The key's client-side budget. Only the first client of a key in a registry sets it.
    public var rateLimit: GuanceRateLimitPolicy
    /// Retry and backoff.
    public var retryPolicy: GuanceRetryPolicy
    /// Time source for the limiter and backoff (inject a test clock in tests).
    public var clock: any APIClock
    /// Where the key's shared limiter lives (``GuanceRateLimiterRegistry/shared`` by default).
    public var rateLimiterRegistry: GuanceRateLimiterRegistry
    /// Largest response body accepted.
    public var maximumResponseBytes: Int
    /// The `User-Agent` header.
    public var userAgent: String
    /// The unit of issue-list `startTime`/`endTime` (seconds unless the deployment is known to differ).
    public var issueListTimeUnit: GuanceTimeUnit

    /// Creates a configuration with production defaults.
    /// Called after every HTTP exchange with the endpoint and the status (`nil` when no response
    /// arrived): the stages count API calls and throttles with it. Keep it quick.
    public var onExchange: (@Sendable (_ endpoint: String, _ status: Int?) -> Void)?
    /// The host's wall clock, against which ``GuanceClient/serviceClock`` measures Guance's
    /// (`Date()`; tests shift it to play a host whose clock is off).
    public var hostClock: @Sendable () -> Date = { Date() }

    public init(
        baseURL: String,
        apiKey: GuanceAPIKey,
        requestTimeout: Duration = .seconds(30),
        rateLimit: GuanceRateLimitPolicy = .documentedPerKey,
        retryPolicy: GuanceRetryPolicy = .default,
        clock: any APIClock = SystemAPIClock(),
        rateLimiterRegistry: GuanceRateLimiterRegistry = .shared,
        maximumResponseBytes: Int = 32 * 1024 * 1024,
        userAgent: String = "guance-jira-sync",
        issueListTimeUnit: GuanceTimeUnit = .seconds
    ) {
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.requestTimeout = requestTimeout
        self.rateLimit = rateLimit
        self.retryPolicy = retryPolicy
        self.clock = clock
        self.rateLimiterRegistry = rateLimiterRegistry
        self.maximumResponseBytes = maximumResponseBytes
        self.userAgent = userAgent
        self.issueListTimeUnit = issueListTimeUnit
    }

    /// `baseURL` without trailing slashes.
    var normalizedBaseURL: String {
        var url = baseURL.trimmingCharacters(in: .whitespaces)
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }

    /// Whether `baseURL` is an `http`/`https` URL with a host (anything else cannot work, so calls fail
    /// at once as rejected instead of being retried).
    var hasUsableBaseURL: Bool {
        guard let url = URL(string: normalizedBaseURL), let scheme = url.scheme?.lowercased() else { return false }
        return (scheme == "http" || scheme == "https") && !(url.host ?? "").isEmpty
    }
}
