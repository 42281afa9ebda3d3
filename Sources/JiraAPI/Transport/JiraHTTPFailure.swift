/// A non-success HTTP answer with Jira's error body and rate-limit headers.
public struct JiraHTTPFailure: Sendable, Hashable {
    /// The operation, e.g. `POST /rest/api/3/issue`.
    public var operation: String
    /// HTTP status code.
    public var status: Int
    /// The decoded `ErrorCollection` (empty if the body was not one).
    public var errors: JiraErrorCollection
    /// Rate-limit headers, when any were sent.
    public var rateLimit: JiraRateLimitInfo?

    /// Creates a failure.
    public init(operation: String, status: Int, errors: JiraErrorCollection = JiraErrorCollection(), rateLimit: JiraRateLimitInfo? = nil) {
        self.operation = operation
        self.status = status
        self.errors = errors
        self.rateLimit = rateLimit
    }
}
