/// The runtime contract every pipeline executable implements (the lead's `StageRuntime`; the
/// prose is the project's "runtime contract"), as the deployment files may use it. This is the
/// ONE list the drift tests compare `compose.yaml`, the Prometheus rules and the Grafana dashboard
/// against: when the contract changes, change it here and the tests show every file to update.
enum RuntimeContract {
    /// The pipeline stages, each an executable of the same name and a Compose service.
    static let stages = ["guance-poller", "jira-poller", "jira-writer", "guance-writer"]

    /// The stages that consume as a group and may be scaled (`--scale`).
    static let writers = ["jira-writer", "guance-writer"]

    /// The consumer group each writer uses unless told otherwise.
    static let defaultGroups = [
        "jira-writer": "guance-jira-sync.jira-writer",
        "guance-writer": "guance-jira-sync.guance-writer",
    ]

    /// Settings read from the environment (besides secrets).
    static let settings: Set<String> = [
        "SYNC_CONFIG",          // --config, default /etc/guance-jira-sync/sync.yaml
        "KAFKA_BROKERS",        // --brokers, required
        "SYNC_HTTP_PORT",       // --http-port, default 8080 (/healthz, /readyz, /metrics)
        "SYNC_CONSUMER_GROUP",  // --group, writers only
        "SYNC_LOG_FORMAT",      // json | text
        "SYNC_LOG_LEVEL",       // default info
        "GUANCE_REQUESTS_PER_MINUTE", // per-process Guance budget, overrides guance.stageBudgets
        "SYNC_DRAIN_TIMEOUT_SECONDS", // --drain-timeout, default 20: how long a stop may take
        "SYNC_HTTP_HOST",       // --http-host, default 0.0.0.0 (the health/metrics endpoint)
        "SYNC_WEBHOOK_HOST",    // --webhook-host, jira-poller, default 0.0.0.0
        "SYNC_WEBHOOK_PORT",    // --webhook-port, jira-poller, default 8081 (only with a webhook secret)
        // Kafka security (StageRuntime's KafkaSecuritySettings), every stage and syncctl.
        "KAFKA_SECURITY_PROTOCOL", "KAFKA_SASL_MECHANISM", "KAFKA_SASL_USERNAME", "KAFKA_SSL_CA_LOCATION",
        "KAFKA_SSL_CERTIFICATE_LOCATION", "KAFKA_SSL_KEY_LOCATION", "KAFKA_SSL_ENDPOINT_IDENTIFICATION_ALGORITHM",
    ]

    /// Secrets, read from the environment; each may instead be given as `<NAME>_FILE`.
    static let secrets: Set<String> = [
        "GUANCE_API_KEY",
        "JIRA_EMAIL",
        "JIRA_API_TOKEN",
        "JIRA_PAT",
        "JIRA_WEBHOOK_SECRET",
        "KAFKA_SASL_PASSWORD",
        "KAFKA_SSL_KEY_PASSWORD",
    ]

    /// Every variable a deployment may set on a stage: the settings, and secrets only as files.
    static var environment: Set<String> { settings.union(secrets.map { $0 + "_FILE" }) }

    /// The health endpoints every stage serves on `SYNC_HTTP_PORT`.
    static let healthPaths: Set<String> = ["/healthz", "/readyz"]

    /// The default HTTP port.
    static let httpPort = 8080

    /// The default port of jira-poller's webhook listener (its only route: `POST /webhook/jira`).
    static let webhookPort = 8081

    /// The user the image runs as (`USER` in the Dockerfile), and Grafana's image's.
    static let imageUsers = ["guance-jira-sync": 10001, "grafana/grafana-oss": 472]

    /// Prometheus metrics the stages export, by type.
    static let metrics: [String: MetricType] = [
        "sync_events_consumed_total": .counter,
        "sync_events_produced_total": .counter,
        "sync_effects_total": .counter,
        "sync_api_requests_total": .counter,
        "sync_api_throttled_total": .counter,
        "sync_retries_total": .counter,
        "sync_dead_letters_total": .counter,
        "sync_consumer_lag": .gauge,
        "sync_poller_checkpoint_age_seconds": .gauge,
        "sync_poller_backlog": .gauge,
        "sync_guance_budget_loans": .gauge,
        "sync_poller_sweep_pages_left": .gauge,
        "sync_poller_sweep_age_seconds": .gauge,
        "sync_end_to_end_delay_seconds": .histogram,
    ]

    /// A Prometheus metric type.
    enum MetricType {
        case counter, gauge, histogram
    }

    /// Every series name a query may use: the metrics, plus `_bucket`, `_sum` and `_count` of histograms.
    static var seriesNames: Set<String> {
        var names = Set(metrics.keys)
        for (name, type) in metrics where type == .histogram {
            names.formUnion([name + "_bucket", name + "_sum", name + "_count"])
        }
        return names
    }
}
