import APICore
import AsyncHTTPClient
import Foundation
import NIOCore


extension GuanceClient {
    /// Sends one HTTP request and reads the whole body, within `requestTimeout`.
    /// - Throws: ``GuanceAttemptFailure`` for transport failures, `CancellationError` if cancelled.
    func exchange(_ request: GuanceRequest) async throws -> (status: Int, body: Data) {
        guard configuration.hasUsableBaseURL else {
            throw GuanceAttemptFailure(
                error: GuanceAPIError(kind: .rejected, endpoint: request.endpoint, underlying: "base URL is not an http(s) URL with a host"),
                mayHaveBeenApplied: false
            )
        }
        var httpRequest = HTTPClientRequest(url: request.url(baseURL: configuration.normalizedBaseURL))
        httpRequest.method = request.method
        httpRequest.headers.add(name: "DF-API-KEY", value: configuration.apiKey.headerValue)
        httpRequest.headers.add(name: "Accept", value: "application/json")
        httpRequest.headers.add(name: "User-Agent", value: configuration.userAgent)
        if let body = request.body {
            httpRequest.headers.add(name: "Content-Type", value: "application/json;charset=UTF-8")
            httpRequest.body = .bytes(ByteBuffer(bytes: body))
        }
        let preparedRequest = httpRequest
        let timeout = configuration.requestTimeout
        let maxBytes = configuration.maximumResponseBytes
        let client = httpClient
        let logger = logger
        let serviceClock = serviceClock
        do {
            return try await withThrowingTaskGroup(of: (Int, Data)?.self) { group in
                group.addTask {
                    let response = try await client.execute(
                        preparedRequest,
                        deadline: .now() + .nanoseconds(Int64(timeout.totalNanoseconds)),
                        logger: logger
                    )
                    if let date = response.headers.first(name: "date") { serviceClock.record(dateHeader: date) }
                    let buffer = try await response.body.collect(upTo: maxBytes)
                    return (Int(response.status.code), Data(buffer.readableBytesView))
                }
                group.addTask {
                    // Covers the body too: AHC's deadline stops at the response head.
                    try await Task.sleep(for: timeout)
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let result = first else {
                    throw HTTPClientError.deadlineExceeded
                }
                configuration.onExchange?("\(request.endpoint)", result.0)
                return result
            }
        } catch {
            if Task.isCancelled { throw CancellationError() }
            configuration.onExchange?("\(request.endpoint)", nil)
            throw GuanceAttemptFailure(
                error: GuanceAPIError(kind: .transport, endpoint: request.endpoint, underlying: "\(error)"),
                mayHaveBeenApplied: !RequestDelivery.provesNotSent(error)
            )
        }
    }

}

extension Duration {
    /// The duration in whole nanoseconds (saturating).
    var totalNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (product, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return seconds < 0 ? .min : .max }
        return product.addingReportingOverflow(attoseconds / 1_000_000_000).partialValue
    }
}
