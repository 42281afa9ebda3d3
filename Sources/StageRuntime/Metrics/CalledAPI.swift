/// A remote API a stage calls: the `api` label of `sync_api_requests_total` and
/// `sync_api_throttled_total`.
package enum CalledAPI: String, Sendable, CaseIterable {
    /// Guance OpenAPI.
    case guance
    /// Jira REST.
    case jira

    /// The HTTP status the API throttles with: Guance answers 401 (`ft.Trigger…CurrentLimiting`, which
    /// a revoked key also gets — `/readyz` tells the two apart), Jira 429.
    package var throttleStatus: Int {
        switch self {
        case .guance: 401
        case .jira: 429
        }
    }
}
