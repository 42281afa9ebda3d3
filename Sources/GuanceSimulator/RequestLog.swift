/// Every product-API request the simulator answered, with counts per endpoint and status.
struct RequestLog: Sendable {
    /// One answered request.
    struct Entry: Sendable {
        let sequence: Int
        let time: Double
        let method: String
        let path: String
        let endpoint: String
        let status: Int
        let keyID: String?
        let errorCode: String
    }

    let capacity: Int
    private(set) var entries: [Entry] = []
    private(set) var total = 0
    /// `endpoint → status → count`, where endpoint is e.g. `POST /api/v1/issue/{uuid}/modify`.
    private(set) var counts: [String: [Int: Int]] = [:]
    /// Responses throttled by the rate limiter (not by injected faults), per scope.
    private(set) var throttledByKey = 0
    private(set) var throttledByWorkspace = 0
    /// Responses shaped by an injected fault.
    private(set) var injectedFaults = 0

    init(capacity: Int) {
        self.capacity = capacity
    }

    mutating func record(
        time: Double, method: String, path: String, endpoint: String, status: Int, keyID: String?,
        errorCode: String
    ) {
        total += 1
        counts[endpoint, default: [:]][status, default: 0] += 1
        entries.append(
            Entry(
                sequence: total, time: time, method: method, path: path, endpoint: endpoint, status: status,
                keyID: keyID, errorCode: errorCode
            )
        )
        if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
    }

    mutating func noteThrottled(_ rejection: RateLimiter.Rejection) {
        switch rejection {
        case .key: throttledByKey += 1
        case .workspace: throttledByWorkspace += 1
        }
    }

    mutating func noteInjectedFault() {
        injectedFaults += 1
    }
}
