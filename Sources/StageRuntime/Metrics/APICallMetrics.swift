import Metrics

/// Counts a stage's API calls for `/metrics`: plug ``observer(stage:api:)`` into the Guance or
/// Jira client configuration's `onExchange`.
package enum APICallMetrics {
    /// The `status` label of a call that got no HTTP answer (connection refused, reset, time-out).
    package static let noAnswerStatus = "error"

    /// An `onExchange` callback counting `sync_api_requests_total{stage,api,status}` and
    /// `sync_api_throttled_total{stage,api}` (see ``CalledAPI/throttleStatus``).
    package static func observer(stage: String, api: CalledAPI) -> @Sendable (String, Int?) -> Void {
        { _, status in
            requests(stage: stage, api: api, status: status.map(String.init) ?? noAnswerStatus).increment()
            if status == api.throttleStatus {
                throttled(stage: stage, api: api).increment()
            }
        }
    }

    /// The `sync_api_requests_total` counter of one label set.
    static func requests(stage: String, api: CalledAPI, status: String) -> Counter {
        Counter(label: StageMetricName.apiRequests, dimensions: [("stage", stage), ("api", api.rawValue), ("status", status)])
    }

    /// The `sync_api_throttled_total` counter of one label set.
    static func throttled(stage: String, api: CalledAPI) -> Counter {
        Counter(label: StageMetricName.apiThrottled, dimensions: [("stage", stage), ("api", api.rawValue)])
    }
}
