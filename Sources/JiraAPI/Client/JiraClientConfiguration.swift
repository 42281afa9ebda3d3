import APICore

/// Everything a ``JiraClient`` needs besides its `HTTPClient` and `Logger`.
public struct JiraClientConfiguration: Sendable {
    /// The site root, e.g. `https://acme.atlassian.net` or `https://jira.example.com/jira` (a context
    /// path is kept); no trailing slash needed.
    public var baseURL: String
    /// Credentials; redacted in every description.
    public var credentials: JiraCredentials
    /// Configured flavour or detection through `serverInfo`.
    public var flavor: JiraFlavorSelection
    /// Retry and back-off rules.
    public var retryPolicy: JiraRetryPolicy
    /// Timeout of one HTTP exchange (connect, send, receive).
    public var requestTimeout: Duration
    /// Largest response body accepted, in bytes.
    public var maximumResponseBytes: Int
    /// Resolution id used when a transition screen requires `resolution`; when `nil` (or not among the
    /// allowed values) the first allowed value is used.
    public var resolutionId: String?
    /// How issue properties are written at create time on Data Center.
    public var dataCenterCreateProperties: JiraCreatePropertiesMode
    /// `User-Agent` header value.
    public var userAgent: String
    /// Time source of back-off and throttle waits (inject a recording clock in tests).
    public var clock: any APIClock

    /// Creates a configuration with production defaults (30 s timeout, 16 MiB bodies, detection of the flavour).
    /// Called after every HTTP exchange with the operation and the status (`nil` when no response
    /// arrived): the stages count API calls and throttles with it. Keep it quick.
    public var onExchange: (@Sendable (_ operation: String, _ status: Int?) -> Void)?

    public init(
        baseURL: String,
        credentials: JiraCredentials,
        flavor: JiraFlavorSelection = .detect,
        retryPolicy: JiraRetryPolicy = JiraRetryPolicy(),
        requestTimeout: Duration = .seconds(30),
        maximumResponseBytes: Int = 16 * 1024 * 1024,
        resolutionId: String? = nil,
        dataCenterCreateProperties: JiraCreatePropertiesMode = .inlineThenFallback,
        userAgent: String = "guance-jira-sync",
        clock: any APIClock = SystemAPIClock()
    ) {
        var trimmed = baseURL
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.baseURL = trimmed
        self.credentials = credentials
        self.flavor = flavor
        self.retryPolicy = retryPolicy
        self.requestTimeout = requestTimeout
        self.maximumResponseBytes = maximumResponseBytes
        self.resolutionId = resolutionId
        self.dataCenterCreateProperties = dataCenterCreateProperties
        self.userAgent = userAgent
        self.clock = clock
    }
}
