/// The Prometheus metric names every stage uses (documented in the README and `ops/`).
package enum StageMetricName {
    /// Counter `{stage,topic,type}`: events read from Kafka.
    package static let eventsConsumed = "sync_events_consumed_total"
    /// Counter `{stage,topic,type}`: events written to Kafka (acknowledged).
    package static let eventsProduced = "sync_events_produced_total"
    /// Counter `{stage,effect}`: effects on the other system (`jira_issue_created`, `noop`, …).
    package static let effects = "sync_effects_total"
    /// Counter `{stage,api,status}`: API calls by target and HTTP status (or `error`).
    package static let apiRequests = "sync_api_requests_total"
    /// Counter `{stage,api}`: throttled API answers (Guance 401 rate limit, Jira 429).
    package static let apiThrottled = "sync_api_throttled_total"
    /// Counter `{stage}`: handling attempts that will be retried.
    package static let retries = "sync_retries_total"
    /// Counter `{stage,reason}`: records sent to the dead-letter topic.
    package static let deadLetters = "sync_dead_letters_total"
    /// Gauge `{stage,topic,partition}`: records not yet committed by the stage's group.
    package static let consumerLag = "sync_consumer_lag"
    /// Gauge `{stage}`: seconds since the poller last saved a checkpoint.
    package static let checkpointAge = "sync_poller_checkpoint_age_seconds"
    /// Gauge `{stage}`: work the poller knows it still has to do (issues or pages not yet read).
    package static let pollerBacklog = "sync_poller_backlog"
    /// Gauge `{stage}`: pages guance-poller's running sweep still has to read (0 between sweeps).
    package static let sweepPagesLeft = "sync_poller_sweep_pages_left"
    /// Gauge `{stage}`: seconds since guance-poller's last complete sweep ended.
    package static let sweepAge = "sync_poller_sweep_age_seconds"
    /// Gauge `{stage,direction}`: Guance requests lent to (`lent`) or borrowed from (`borrowed`)
    /// the other stages sharing the key, in loans running now (budget lending).
    package static let guanceBudgetLoans = "sync_guance_budget_loans"
    /// Histogram `{stage}`: seconds from the change at the source to the effect on the other side.
    package static let endToEndDelay = "sync_end_to_end_delay_seconds"
}
