import APICore
import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// Sends ``JiraRequest``s with authentication, throttling, retries and error classification.
struct JiraTransport: Sendable {
    let httpClient: HTTPClient
    let configuration: JiraClientConfiguration
    let throttle: JiraThrottle
    let logger: Logger

    /// What to do after an attempt that did not produce a value.
    private enum NextStep {
        /// Try again after waiting this long (`nil`: only for any throttle gate that applies).
        case retry(after: Duration?, reason: String)
        /// Give up with this error.
        case fail(JiraAPIError)
    }

    /// Sends `request` and decodes a success answer with `decode`, retrying what is safe to retry.
    func send<Value>(_ request: JiraRequest, decode: (JiraResponse) throws -> Value) async throws -> Value {
        var retry = 0
        while true {
            try await waitForThrottle(request)
            let step: NextStep
            do {
                let response = try await exchange(request)
                if (200..<300).contains(response.status) {
                    do {
                        return try decode(response)
                    } catch {
                        step = undecodable(request, response, error, retry: retry)
                    }
                } else {
                    step = await failed(request, response, retry: retry)
                }
            } catch let error as CancellationError {
                throw error
            } catch {
                step = unexchanged(request, error, retry: retry)
            }
            switch step {
            case .fail(let error):
                throw error
            case .retry(let delay, let reason):
                retry += 1
                if let delay { try await backOff(request, retry: retry, reason: reason, delay: delay) }
            }
        }
    }

    /// The exchange itself failed (connect, timeout, reset).
    private func unexchanged(_ request: JiraRequest, _ error: any Error, retry: Int) -> NextStep {
        let cause = Self.describe(error)
        if isMisconfiguration(error) {
            return .fail(.invalidRequest("the base URL cannot be used: \(cause)"))
        }
        if request.repeatability == .nonIdempotent && !RequestDelivery.provesNotSent(error) {
            return .fail(.ambiguousOutcome(operation: request.operation, cause: cause))
        }
        guard retry < configuration.retryPolicy.maximumRetries else {
            return .fail(.transport(operation: request.operation, cause: cause))
        }
        return .retry(after: configuration.retryPolicy.backoffDelay(retry: retry + 1), reason: cause)
    }

    /// A success status whose body could not be decoded.
    private func undecodable(_ request: JiraRequest, _ response: JiraResponse, _ error: any Error, retry: Int) -> NextStep {
        let cause = Self.describe(error)
        if request.repeatability == .nonIdempotent {
            return .fail(.ambiguousOutcome(operation: request.operation, cause: "unreadable HTTP \(response.status) body: \(cause)"))
        }
        guard retry < configuration.retryPolicy.maximumRetries else {
            return .fail(.malformedResponse(operation: request.operation, status: response.status, cause: cause))
        }
        return .retry(after: configuration.retryPolicy.backoffDelay(retry: retry + 1), reason: "unreadable body")
    }

    /// A non-success status: throttling, server errors and definite failures.
    private func failed(_ request: JiraRequest, _ response: JiraResponse, retry: Int) async -> NextStep {
        let policy = configuration.retryPolicy
        let failure = Self.failure(request, response)
        let canRetry = request.repeatability == .idempotent && retry < policy.maximumRetries
        switch response.status {
        case 429:
            let info = failure.rateLimit ?? JiraRateLimitInfo()
            let wait = await throttle.record(info, scope: request.throttleScope, fallbackDelay: policy.backoffDelay(retry: retry + 1))
            logger.info("Jira throttled a request", metadata: [
                "jira.operation": "\(request.operation)",
                "jira.ratelimit.reason": "\(info.reason.map { "\($0)" } ?? "none")",
                "jira.ratelimit.wait_ms": "\(wait.milliseconds)",
            ])
            // Refused before any effect, yet Atlassian's guidance is zero client retries for
            // non-idempotent calls: their caller decides. The wait happens at the throttle gate.
            return canRetry && wait <= policy.maximumInlineWait ? .retry(after: nil, reason: "HTTP 429") : .fail(.http(failure))
        case 500...599 where request.repeatability == .nonIdempotent:
            return .fail(.ambiguousOutcome(operation: request.operation, cause: "HTTP \(response.status)"))
        case 408, 500...599:
            guard canRetry else { return .fail(.http(failure)) }
            return .retry(
                after: policy.delay(retry: retry + 1, serverRetryAfter: failure.rateLimit?.retryAfter), reason: "HTTP \(response.status)")
        default:
            return .fail(.http(failure))
        }
    }

    /// One HTTP exchange.
    private func exchange(_ request: JiraRequest) async throws -> JiraResponse {
        var outgoing = HTTPClientRequest(url: configuration.baseURL + request.path + request.queryString)
        outgoing.method = request.method
        outgoing.headers.add(name: "Authorization", value: configuration.credentials.authorizationHeaderValue)
        outgoing.headers.add(name: "Accept", value: "application/json")
        outgoing.headers.add(name: "User-Agent", value: configuration.userAgent)
        if let body = request.body {
            outgoing.headers.add(name: "Content-Type", value: "application/json")
            outgoing.body = .bytes(ByteBuffer(bytes: body))
        }
        logger.debug("Jira request", metadata: ["jira.operation": "\(request.operation)"])
        let timeout = TimeAmount.nanoseconds(Int64(configuration.requestTimeout.seconds * 1e9))
        let response: HTTPClientResponse
        let buffer: ByteBuffer
        do {
            response = try await httpClient.execute(outgoing, timeout: timeout, logger: logger)
            buffer = try await response.body.collect(upTo: configuration.maximumResponseBytes)
        } catch {
            configuration.onExchange?(request.operation, nil)
            throw error
        }
        configuration.onExchange?(request.operation, Int(response.status.code))
        return JiraResponse(status: Int(response.status.code), headers: response.headers, body: Data(buffer.readableBytesView))
    }

    private func waitForThrottle(_ request: JiraRequest) async throws {
        let wait = await throttle.requiredWait(for: request.throttleScope)
        guard wait > .zero else { return }
        if wait > configuration.retryPolicy.maximumInlineWait {
            // Answered locally, without a request: Jira said earlier that this call must wait this long.
            let info = JiraRateLimitInfo(retryAfter: wait, reason: await throttle.isQuotaBlocked ? .quota : nil)
            throw JiraAPIError.http(JiraHTTPFailure(operation: request.operation, status: 429, rateLimit: info))
        }
        try await configuration.clock.sleep(for: wait)
    }

    private func backOff(_ request: JiraRequest, retry: Int, reason: String, delay: Duration) async throws {
        logger.info("Retrying Jira request", metadata: [
            "jira.operation": "\(request.operation)", "jira.retry": "\(retry)",
            "jira.retry.reason": "\(reason)", "jira.retry.delay_ms": "\(delay.milliseconds)",
        ])
        try await configuration.clock.sleep(for: delay)
    }

    private static func failure(_ request: JiraRequest, _ response: JiraResponse) -> JiraHTTPFailure {
        let errors = (try? response.decode(JiraErrorCollection.self)) ?? JiraErrorCollection()
        let info = JiraRateLimitInfo(headers: response.headers)
        let hasRateLimit = info.retryAfter != nil || info.reason != nil || response.status == 429
        return JiraHTTPFailure(operation: request.operation, status: response.status, errors: errors, rateLimit: hasRateLimit ? info : nil)
    }


    /// Whether the error comes from the configured URL itself, so repeating cannot help.
    func isMisconfiguration(_ error: any Error) -> Bool {
        guard let error = error as? HTTPClientError else { return false }
        if [HTTPClientError.invalidURL, .emptyHost, .emptyScheme].contains(error) { return true }
        guard let scheme = URL(string: configuration.baseURL)?.scheme else { return false }
        return error == .unsupportedScheme(scheme)
    }

    /// A short, secret-free description of a transport or decoding error.
    static func describe(_ error: any Error) -> String {
        switch error {
        case let error as DecodingError:
            switch error {
            case .dataCorrupted(let context), .keyNotFound(_, let context), .typeMismatch(_, let context), .valueNotFound(_, let context):
                return "decoding failed at \(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
            @unknown default:
                return "decoding failed"
            }
        default:
            return String(describing: error)
        }
    }
}

extension Duration {
    /// Whole milliseconds, for log metadata.
    var milliseconds: Int64 {
        let parts = components
        return parts.seconds * 1000 + parts.attoseconds / 1_000_000_000_000_000
    }
}
