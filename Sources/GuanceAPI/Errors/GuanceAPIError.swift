public import APICore

/// An error from a Guance OpenAPI call, with everything needed to log and act on it.
///
/// Branch on ``kind`` (and ``isRetriable`` / ``isOutcomeUnknown``); log ``description``, which
/// carries the endpoint, HTTP status, `errorCode`, `message` and `traceId` but never the API key.
public struct GuanceAPIError: APIError {
    /// What went wrong.
    public enum Kind: Sendable, Hashable {
        /// The server throttled the call (HTTP 401 with a `…CurrentLimiting` errorCode, a bare 401, or a 429).
        case throttled(GuanceThrottleScope)
        /// The API key was refused (HTTP 403, or `ft.InvalidAPIKey` / `InvalidApiKey`). Not retriable.
        case invalidAPIKey
        /// The object does not exist (HTTP 404 with a JSON envelope, or an errorCode containing `NotFound`
        /// other than `RouterNotFound`).
        case notFound
        /// A 5xx answer (including `InternalError` 503). Retriable.
        case serverError
        /// No usable answer: timeout, refused or reset connection, connection closed mid-response. Retriable.
        case transport
        /// The body was not a Guance JSON envelope (for example an HTML page from a proxy). Retriable.
        case malformedResponse
        /// The envelope was fine but its `content` did not match the expected shape. Not retriable.
        case undecodableContent
        /// Any other refusal (4xx, `success:false`, `RouterNotFound`, permission errors). Not retriable.
        case rejected
    }

    /// What went wrong.
    public var kind: Kind
    /// `METHOD /path` of the call (no host, no key).
    public var endpoint: String
    /// The HTTP status, if an answer arrived.
    public var httpStatus: Int?
    /// The envelope's `errorCode`, if any.
    public var errorCode: String?
    /// The envelope's `message`, if any.
    public var message: String?
    /// The envelope's `traceId`, for support requests.
    public var traceId: String?
    /// A description of the underlying transport or decoding error, if any.
    public var underlying: String?
    /// How many attempts were made before giving up.
    public var attempts: Int
    /// `true` when a non-idempotent write (issue add, reply create) may or may not have taken effect.
    /// The caller must look for the created object (dedupe) before trying again.
    public var isOutcomeUnknown: Bool

    /// Creates an error.
    public init(
        kind: Kind,
        endpoint: String,
        httpStatus: Int? = nil,
        errorCode: String? = nil,
        message: String? = nil,
        traceId: String? = nil,
        underlying: String? = nil,
        attempts: Int = 1,
        isOutcomeUnknown: Bool = false
    ) {
        self.kind = kind
        self.endpoint = endpoint
        self.httpStatus = httpStatus
        self.errorCode = errorCode
        self.message = message
        self.traceId = traceId
        self.underlying = underlying
        self.attempts = attempts
        self.isOutcomeUnknown = isOutcomeUnknown
    }

    /// Whether the same call may succeed if tried again later. Always `false` when the outcome of a
    /// write is unknown, because retrying could create a duplicate.
    public var isRetriable: Bool {
        if isOutcomeUnknown { return false }
        switch kind {
        case .throttled, .serverError, .transport, .malformedResponse: return true
        case .invalidAPIKey, .notFound, .undecodableContent, .rejected: return false
        }
    }

    /// Whether the server throttled the call.
    public var isThrottled: Bool {
        if case .throttled = kind { return true }
        return false
    }

    /// Whether the object does not exist.
    public var isNotFound: Bool { kind == .notFound }

    /// Guance's documented throttling answer names no wait: always `nil` (the retry policy's
    /// throttle schedule applies).
    public var retryAfter: Duration? { nil }

    /// One line for logs, e.g. `throttled(apiKey) POST /api/v1/issue/list HTTP 401 errorCode=… traceId=…`.
    public var description: String {
        var parts = ["\(kind)", endpoint]
        if let httpStatus { parts.append("HTTP \(httpStatus)") }
        if let errorCode, !errorCode.isEmpty { parts.append("errorCode=\(errorCode)") }
        if let message, !message.isEmpty { parts.append("message=\(message)") }
        if let traceId, !traceId.isEmpty { parts.append("traceId=\(traceId)") }
        if let underlying { parts.append("underlying=\(underlying)") }
        if attempts > 1 { parts.append("attempts=\(attempts)") }
        if isOutcomeUnknown { parts.append("outcome=unknown") }
        return "GuanceAPIError(" + parts.joined(separator: " ") + ")"
    }
}
