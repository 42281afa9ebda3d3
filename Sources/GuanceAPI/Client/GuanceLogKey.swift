import Logging

/// Structured logging metadata keys used by this module.
enum GuanceLogKey {
    /// The API key's fingerprint (never the key).
    static let key = "guance.key.fingerprint"
    /// `METHOD /path`.
    static let endpoint = "guance.endpoint"
    /// 1-based attempt number.
    static let attempt = "guance.attempt"
    /// HTTP status.
    static let status = "guance.http.status"
    /// The envelope's traceId.
    static let traceID = "guance.trace_id"
    /// A ``GuanceAPIError`` description.
    static let error = "guance.error"
    /// Backoff before the next attempt.
    static let delay = "guance.retry.delay"
}
