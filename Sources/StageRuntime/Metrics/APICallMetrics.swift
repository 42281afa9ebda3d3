import Metrics

/// Counts a stage's API calls for `/metrics`: plug ``observer(stage:api:)`` into the Guance or
/// Jira client configuration's `onExchange`.
public enum APICallMetrics {
    /// An `onExchange` callback counting `sync_api_requests_total{stage,api,status}` and
    /// `sync_api_throttled_total{stage,api}` (Jira answers 429; Guance throttles with 401, which
    /// a revoked key also gets — `/readyz` tells the two apart).
    public static func observer(stage: String, api: String) -> @Sendable (String, Int?) -> Void {
        { _, status in
            let code = status.map(String.init) ?? "error"
            Counter(label: StageMetricName.apiRequests, dimensions: [("stage", stage), ("api", api), ("status", code)])
                .increment()
            let throttleStatus = api == "guance" ? 401 : 429
            if status == throttleStatus {
                Counter(label: StageMetricName.apiThrottled, dimensions: [("stage", stage), ("api", api)]).increment()
            }
        }
    }
}
