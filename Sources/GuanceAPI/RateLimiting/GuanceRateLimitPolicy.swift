/// How many requests one API key may send per time window.
///
/// Guance documents 20 requests/minute per key and 200/minute per workspace, without saying whether
/// the window is sliding or fixed. The limiter enforces a *sliding* window, which satisfies either
/// kind, and widens it by ``safetyMargin`` so network jitter between our send time and the server's
/// receive time cannot push a 21st request into the server's window.
public struct GuanceRateLimitPolicy: Sendable, Hashable {
    /// Maximum requests in any window.
    public var requestsPerWindow: Int
    /// The window length (one minute in the docs).
    public var window: Duration
    /// Extra time added to the window on our side.
    public var safetyMargin: Duration

    /// Creates a policy. `requestsPerWindow` is clamped to at least 1.
    public init(requestsPerWindow: Int, window: Duration = .seconds(60), safetyMargin: Duration = .seconds(1)) {
        self.requestsPerWindow = max(1, requestsPerWindow)
        self.window = window
        self.safetyMargin = safetyMargin
    }

    /// The documented per-key limit: 20 requests per minute (plus a one-second margin).
    public static let documentedPerKey = GuanceRateLimitPolicy(requestsPerWindow: 20)

    /// The window the limiter actually enforces (`window + safetyMargin`).
    public var effectiveWindow: Duration { window + safetyMargin }
}
