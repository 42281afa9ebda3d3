/// Which limit the server said was exceeded.
public enum GuanceThrottleScope: String, Sendable, Hashable {
    /// The per-key limit (`ft.TriggerApiAkCurrentLimiting`, 20/min documented).
    case apiKey
    /// The per-workspace limit over all keys (`ft.TriggerApiWorkspaceCurrentLimiting`, 200/min documented).
    case workspace
    /// Throttling without a recognised scope: a 429 from a proxy, or a 401 with no known `errorCode`.
    case unspecified
}
