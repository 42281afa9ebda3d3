/// What every error of an API client (``GuanceAPI`` and ``JiraAPI``) tells its caller, so the stages
/// decide retry, wait, dead-letter or dedupe the same way for both services.
///
/// Each client's error is a struct with a `kind` (what went wrong, in that service's terms) plus
/// this common surface. Descriptions never contain credentials.
public protocol APIError: Error, Sendable, CustomStringConvertible {
    /// The call: `METHOD /path` (Guance) or the operation name (Jira); never a host or a secret.
    var endpoint: String { get }
    /// The HTTP status, when an answer arrived.
    var httpStatus: Int? { get }
    /// Whether the same call may succeed if tried again later without any change by the caller.
    /// Always `false` when ``isOutcomeUnknown``: repeating could duplicate the write.
    var isRetriable: Bool { get }
    /// Whether the service refused the call because of its rate limit (nothing happened).
    var isThrottled: Bool { get }
    /// Whether the object asked for does not exist.
    var isNotFound: Bool { get }
    /// Whether a non-idempotent write (a create) may or may not have taken effect: look for it
    /// before trying again.
    var isOutcomeUnknown: Bool { get }
    /// How long the service asked the caller to wait, when it said so.
    var retryAfter: Duration? { get }
}
