import AsyncHTTPClient
import Foundation
import Logging

/// A client for the Guance (观测云) OpenAPI exception-tracking endpoints.
///
/// - One `HTTPClient` is injected and shared; the client never creates or shuts one down. In production
///   it must not follow redirects (`StageHTTPClient`): `DF-API-KEY` is a custom header, which
///   AsyncHTTPClient keeps on a cross-origin redirect; a 3xx answer is reported as rejected instead.
/// - Every attempt first takes a slot from the API key's shared ``GuanceRateLimiter`` (one per key
///   per ``GuanceRateLimiterRegistry``), so all clients of a key in the process stay under its budget.
/// - Throttled answers (HTTP 401 `…CurrentLimiting`) pause the key's limiter with jittered backoff and
///   are retried for every call but issue modify (below): the server refused the call, so nothing happened.
/// - Other retriable failures (5xx, timeouts, resets, non-JSON bodies) are retried for idempotent
///   calls: reads, reply modify and reply delete.
/// - Issue modify is never re-sent as it was: its body carries the whole `extend` as read before
///   (assignees, links), and re-sent after a wait it would undo a change made meanwhile. Use
///   ``updateIssue(_:resendingNameLevelAndDescription:changing:)``, which reads again and re-applies. A
///   modify that may have been applied (5xx, unreadable answer) has ``GuanceAPIError/isOutcomeUnknown`` set.
/// - Issue add and reply create are **not** retried once the request may have reached the server:
///   the error then has ``GuanceAPIError/isOutcomeUnknown`` set, and the caller must look for the
///   object before creating it again. They are retried only when the connection was never made.
public struct GuanceClient: Sendable {
    /// The configuration in force.
    public let configuration: GuanceClientConfiguration
    /// The API key's shared limiter (for planning calls: see ``rateLimitStatus()``).
    public let rateLimiter: GuanceRateLimiter
    /// Guance's clock, from the `Date` headers of this client's answers.
    public let serviceClock: GuanceServiceClock
    let httpClient: HTTPClient
    let logger: Logger

    /// Creates a client.
    /// - Parameters:
    ///   - httpClient: the shared HTTP client; its lifetime is the caller's.
    ///   - configuration: base URL, key, limits, retry policy, clock.
    ///   - logger: where to log; the client adds `guance.key` (the key's fingerprint, never the key).
    public init(httpClient: HTTPClient, configuration: GuanceClientConfiguration, logger: Logger) {
        self.httpClient = httpClient
        self.configuration = configuration
        self.serviceClock = GuanceServiceClock(hostClock: configuration.hostClock)
        self.rateLimiter = configuration.rateLimiterRegistry.limiter(
            for: configuration.apiKey,
            policy: configuration.rateLimit,
            clock: configuration.clock
        )
        var logger = logger
        logger[metadataKey: GuanceLogKey.key] = "\(configuration.apiKey.fingerprint)"
        self.logger = logger
    }

    /// The key's current client-side budget.
    public func rateLimitStatus() -> GuanceRateLimitStatus {
        rateLimiter.status()
    }

    /// Runs `body` with `count` requests of the key's budget granted together (waiting until they
    /// fit), so the calls it makes — a read and the write that depends on it — run back to back
    /// instead of the write waiting for budget while what it read goes stale. Requests beyond
    /// `count`, and retries, take budget as usual; what `body` does not use goes back when it ends.
    public func withReservedRequests<Value>(
        _ count: Int, _ body: () async throws -> Value
    ) async throws -> Value {
        let slot = try await rateLimiter.acquire(count: count)
        let granted = min(max(count, 1), rateLimiter.policy.requestsPerWindow)
        let reservation = GuanceRequestReservation(limiter: rateLimiter, slot: slot, count: granted)
        defer { reservation.releaseUnused() }
        return try await GuanceRequestReservation.$current.withValue(reservation) { try await body() }
    }

    /// Sends `request` with rate limiting and retries, and decodes the envelope's `content` with `decode`.
    func send<Content>(
        _ request: GuanceRequest,
        decode: @Sendable (Data) throws -> Content
    ) async throws -> GuanceResponse<Content> {
        var failures = 0
        while true {
            if failures > 0 || GuanceRequestReservation.current?.take(for: rateLimiter) != true {
                try await rateLimiter.acquire()
            }
            let attempt = failures + 1
            do {
                return try await attemptOnce(request, attempt: attempt, decode: decode)
            } catch let failure as GuanceAttemptFailure {
                failures += 1
                var error = failure.error
                error.attempts = attempt
                guard shouldRetry(request, after: failure, attempt: attempt) else {
                    if error.isThrottled, request.safety == .readModifyWrite, attempt < configuration.retryPolicy.maxAttempts {
                        // Left to the caller to read again, but the key is throttled: nobody tries now.
                        rateLimiter.pause(for: retryDelay(afterFailures: failures, throttled: true))
                    }
                    error.isOutcomeUnknown = request.safety != .idempotent && failure.mayHaveBeenApplied
                    logger.info("Guance call failed", metadata: [GuanceLogKey.error: "\(error)"])
                    throw error
                }
                let delay = retryDelay(afterFailures: failures, throttled: error.isThrottled)
                logger.info(
                    "Guance call failed; retrying",
                    metadata: [GuanceLogKey.error: "\(error)", GuanceLogKey.delay: "\(delay)"]
                )
                try await wait(delay, throttled: error.isThrottled)
            }
        }
    }

    /// The wait before the next attempt after `failures` failed ones: the retry policy's back-off,
    /// on its slower schedule when the last answer was throttled.
    func retryDelay(afterFailures failures: Int, throttled: Bool) -> Duration {
        configuration.retryPolicy.delay(afterFailures: failures, throttled: throttled, unitRandom: Double.random(in: 0..<1))
    }

    /// Waits out `delay` before the next attempt: after a throttled answer the key's limiter is
    /// paused, so every caller of the key waits (the next `acquire` does); otherwise this caller sleeps.
    func wait(_ delay: Duration, throttled: Bool) async throws {
        if throttled {
            rateLimiter.pause(for: delay)
        } else {
            let clock = configuration.clock
            try await clock.sleep(until: clock.now() + delay)
        }
    }

    private func shouldRetry(_ request: GuanceRequest, after failure: GuanceAttemptFailure, attempt: Int) -> Bool {
        guard attempt < configuration.retryPolicy.maxAttempts, failure.error.isRetriable else { return false }
        if request.safety == .readModifyWrite { return false }
        if failure.error.isThrottled { return true }
        switch request.safety {
        case .idempotent: return true
        case .nonIdempotent: return !failure.mayHaveBeenApplied
        case .readModifyWrite: return false
        }
    }

    private func attemptOnce<Content>(
        _ request: GuanceRequest,
        attempt: Int,
        decode: @Sendable (Data) throws -> Content
    ) async throws -> GuanceResponse<Content> {
        logger.debug(
            "Guance request",
            metadata: [GuanceLogKey.endpoint: "\(request.endpoint)", GuanceLogKey.attempt: "\(attempt)"]
        )
        let (status, body) = try await exchange(request)
        let header = GuanceAPIError.decodeHeader(body)
        let bareSuccess = request.acceptsBareSuccess && header == nil && (200..<300).contains(status)
        if !bareSuccess, let error = GuanceAPIError.classify(httpStatus: status, header: header, endpoint: request.endpoint) {
            let mayHaveBeenApplied = error.kind == .serverError || error.kind == .malformedResponse
            throw GuanceAttemptFailure(error: error, mayHaveBeenApplied: mayHaveBeenApplied)
        }
        do {
            let content = try decode(body)
            logger.debug(
                "Guance response",
                metadata: [
                    GuanceLogKey.endpoint: "\(request.endpoint)",
                    GuanceLogKey.status: "\(status)",
                    GuanceLogKey.traceID: "\(header?.traceId ?? "")",
                ]
            )
            return GuanceResponse(content: content, pageInfo: header?.pageInfo, traceId: header?.traceId)
        } catch {
            let failure = GuanceAPIError(
                kind: .undecodableContent,
                endpoint: request.endpoint,
                httpStatus: status,
                errorCode: header?.errorCode,
                message: header?.message,
                traceId: header?.traceId,
                underlying: "\(error)"
            )
            throw GuanceAttemptFailure(error: failure, mayHaveBeenApplied: true)
        }
    }
}

/// What one successful call returned.
struct GuanceResponse<Content> {
    var content: Content
    /// The top-level `pageInfo`, if any.
    var pageInfo: GuancePageInfo?
    var traceId: String?
}

/// One failed attempt, with whether a write may have taken effect.
struct GuanceAttemptFailure: Error {
    var error: GuanceAPIError
    var mayHaveBeenApplied: Bool
}
