import APICore
import AsyncHTTPClient
import GuanceAPI
import Logging

/// Builds clients for tests: shared `HTTPClient`, private limiter registry, injected clock.
enum ClientFactory {
    static let apiKey = GuanceAPIKey("TEST-KEY-0123456789abcdefghijklmno")

    static func make(
        baseURL: String,
        httpClient: HTTPClient = .shared,
        clock: any APIClock = JumpingClock(),
        key: GuanceAPIKey = apiKey,
        retry: GuanceRetryPolicy = .default,
        rateLimit: GuanceRateLimitPolicy = .documentedPerKey,
        registry: GuanceRateLimiterRegistry = GuanceRateLimiterRegistry(),
        requestTimeout: Duration = .seconds(10),
        logger: Logger? = nil,
        issueListTimeUnit: GuanceTimeUnit = .seconds
    ) -> GuanceClient {
        var quiet = Logger(label: "guance-api-tests")
        quiet.logLevel = .critical
        return GuanceClient(
            httpClient: httpClient,
            configuration: GuanceClientConfiguration(
                baseURL: baseURL,
                apiKey: key,
                requestTimeout: requestTimeout,
                rateLimit: rateLimit,
                retryPolicy: retry,
                clock: clock,
                rateLimiterRegistry: registry,
                issueListTimeUnit: issueListTimeUnit
            ),
            logger: logger ?? quiet
        )
    }
}
