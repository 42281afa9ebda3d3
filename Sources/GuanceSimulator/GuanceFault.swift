/// A fault to inject into product-API responses (the control API under `/__sim/` is never affected).
public struct GuanceFault: Sendable, Hashable {
    /// What the fault does to a matching request.
    public enum Effect: Sendable, Hashable {
        /// Answer with this HTTP status (e.g. 500, 502, 503) and an `InternalError` envelope.
        case status(Int)
        /// Answer as if the per-key limit were hit (401 `ft.TriggerApiAkCurrentLimiting`).
        case throttleKey
        /// Answer as if the workspace limit were hit (401 `ft.TriggerApiWorkspaceCurrentLimiting`).
        case throttleWorkspace
        /// Wait this long (real time) before handling the request normally.
        case latency(Duration)
        /// Answer 200 with a body that is not valid JSON.
        case malformedJSON
        /// Close the connection without answering.
        case dropConnection
        /// Handle the request (a write takes effect), then close the connection instead of answering.
        case dropAfterHandling
    }

    /// What the fault does.
    public var effect: Effect
    /// Only requests with this method match (`nil` = any).
    public var method: String?
    /// Only requests whose path contains this text match (`nil` = any).
    public var pathContains: String?
    /// How many matching requests the fault affects; `nil` = every one until faults are cleared.
    public var remaining: Int?

    /// Creates a fault.
    public init(_ effect: Effect, method: String? = nil, pathContains: String? = nil, count: Int? = 1) {
        self.effect = effect
        self.method = method
        self.pathContains = pathContains
        self.remaining = count
    }

    /// Whether a request with `method` and `path` is affected.
    func matches(method: String, path: String) -> Bool {
        if let wanted = self.method, wanted.uppercased() != method.uppercased() { return false }
        if let fragment = pathContains, !path.contains(fragment) { return false }
        return remaining.map { $0 > 0 } ?? true
    }
}
