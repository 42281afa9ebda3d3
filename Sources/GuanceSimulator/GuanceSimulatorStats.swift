/// Request counters, for assertions such as "zero throttled".
public struct GuanceSimulatorStats: Sendable, Hashable {
    /// Product-API requests answered (or dropped).
    public let totalRequests: Int
    /// Requests throttled by the per-key limit (injected faults excluded).
    public let throttledByKey: Int
    /// Requests throttled by the workspace limit (injected faults excluded).
    public let throttledByWorkspace: Int
    /// Requests shaped by an injected fault.
    public let injectedFaults: Int
    /// `endpoint template → HTTP status → count`; a dropped connection counts as status 0.
    public let countsByEndpoint: [String: [Int: Int]]

    /// All requests the rate limiter throttled.
    public var throttled: Int { throttledByKey + throttledByWorkspace }

    init(_ log: RequestLog) {
        totalRequests = log.total
        throttledByKey = log.throttledByKey
        throttledByWorkspace = log.throttledByWorkspace
        injectedFaults = log.injectedFaults
        countsByEndpoint = log.counts
    }

    /// How many requests to `endpoint` (e.g. `POST /api/v1/issue/list`) were answered, optionally with `status`.
    public func count(_ endpoint: String, status: Int? = nil) -> Int {
        guard let byStatus = countsByEndpoint[endpoint] else { return 0 }
        if let status { return byStatus[status] ?? 0 }
        return byStatus.values.reduce(0, +)
    }
}
