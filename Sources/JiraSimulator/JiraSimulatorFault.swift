/// A fault injected into the product API: applies to the next `count` requests matching `method`/`pathContains`.
public struct JiraSimulatorFault: Sendable, Hashable {
    /// What goes wrong.
    public enum Kind: Sendable, Hashable {
        /// Answer with this status (e.g. 500, 502, 503) and an ErrorCollection body.
        case status(Int)
        /// Answer 429 with `Retry-After` and `RateLimit-Reason`.
        case rateLimited(reason: String, retryAfterSeconds: Int)
        /// Handle normally but only after this delay.
        case latency(Duration)
        /// Answer 200 with a body that is not valid JSON.
        case malformedJSON
        /// Send response headers, then close the connection before the body.
        case dropConnection
        /// Handle the request (a write takes effect), then close the connection instead of answering.
        case dropAfterHandling
        /// A person's request (`user`: name, account id or e-mail) handled right before the matching
        /// one, as the same atomic step: the race of a person acting between the product's read and
        /// its write, made deterministic. `body` is a JSON document (or empty). Several of them matching
        /// the same request all act, in the order they were added.
        case personFirst(user: String, method: String, path: String, body: String)
    }

    /// What goes wrong.
    public var kind: Kind
    /// Only requests with this method (e.g. `POST`); `nil` = any.
    public var method: String?
    /// Only requests whose path contains this text; `nil` = any.
    public var pathContains: String?
    /// How many matching requests it still applies to.
    public var count: Int

    /// Creates a fault.
    public init(_ kind: Kind, method: String? = nil, pathContains: String? = nil, count: Int = 1) {
        self.kind = kind
        self.method = method?.uppercased()
        self.pathContains = pathContains
        self.count = count
    }

    func matches(method requestMethod: String, path: String) -> Bool {
        (method == nil || method == requestMethod) && (pathContains.map { path.contains($0) } ?? true)
    }
}
