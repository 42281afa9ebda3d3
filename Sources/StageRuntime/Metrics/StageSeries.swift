import Metrics
import SyncCore

/// The series a stage exposes on `/metrics`, with every label value known before anything
/// happened, created when the stage starts (``StageHost`` does it before serving `/metrics`).
///
/// Prometheus' "avoid missing metrics": a series that appears only on first use is invisible to
/// `rate()`, `increase()` and the alert rules until then. Counters start at 0; gauges whose value is
/// not known yet (lag, checkpoint age, backlog) start at NaN, since 0 would claim "no lag" or "just
/// saved" — the first measurement replaces it. Label values that cannot be known in advance (HTTP
/// statuses other than ``APICallMetrics/noAnswerStatus``, `jira-http-<status>` dead-letter reasons,
/// effects a writer does not declare) still appear on first use.
package struct StageSeries: Sendable {
    /// What the stage does, which decides the series that apply to it.
    package enum Role: Sendable {
        /// Polls an API and publishes events to `topic`: produced events, checkpoint age, backlog.
        case poller(publishes: SyncTopic)
        /// Consumes `topic` as a group member and applies it: consumed events, effects, retries,
        /// dead letters (`deadLetterReasons`), consumer lag, end-to-end delay.
        case writer(consumes: SyncTopic, effects: [String], deadLetterReasons: [String])
    }

    /// What the stage does.
    package var role: Role
    /// The APIs the stage calls.
    package var apis: [CalledAPI]

    /// Creates the series declaration of a stage.
    package init(role: Role, apis: [CalledAPI]) {
        self.role = role
        self.apis = apis
    }

    /// Every metric name this declaration creates (histograms by their base name).
    package var metricNames: Set<String> {
        var names: Set<String> = [StageMetricName.apiRequests, StageMetricName.apiThrottled]
        if apis.contains(.guance) { names.insert(StageMetricName.guanceBudgetLoans) }
        switch role {
        case .poller(let topic):
            names.formUnion([StageMetricName.eventsProduced, StageMetricName.checkpointAge, StageMetricName.pollerBacklog])
            if topic == .guanceEvents { names.formUnion([StageMetricName.sweepPagesLeft, StageMetricName.sweepAge]) }
        case .writer:
            names.formUnion([
                StageMetricName.eventsConsumed, StageMetricName.effects, StageMetricName.retries,
                StageMetricName.deadLetters, StageMetricName.consumerLag, StageMetricName.endToEndDelay,
            ])
        }
        return names
    }

    /// Creates every series of `stage` in the bootstrapped metrics system: counters at 0, unknown
    /// gauges at NaN, the delay histogram empty. Call it once, before the stage runs (it resets the
    /// gauges it declares).
    package func register(stage: String) {
        for api in apis {
            _ = APICallMetrics.requests(stage: stage, api: api, status: APICallMetrics.noAnswerStatus)
            _ = APICallMetrics.throttled(stage: stage, api: api)
        }
        if apis.contains(.guance) {
            // No loan at the start (with lending off, none ever).
            for direction in ["lent", "borrowed"] {
                Gauge(label: StageMetricName.guanceBudgetLoans, dimensions: [("stage", stage), ("direction", direction)]).record(0)
            }
        }
        switch role {
        case .poller(let topic):
            for type in Self.eventTypes(of: topic) {
                _ = Counter(label: StageMetricName.eventsProduced, dimensions: [
                    ("stage", stage), ("topic", topic.name), ("type", type.rawValue),
                ])
            }
            Gauge(label: StageMetricName.checkpointAge, dimensions: [("stage", stage)]).record(Double.nan)
            Gauge(label: StageMetricName.pollerBacklog, dimensions: [("stage", stage)]).record(Double.nan)
            if topic == .guanceEvents {
                // guance-poller's sweep: unknown until its first cycle.
                Gauge(label: StageMetricName.sweepPagesLeft, dimensions: [("stage", stage)]).record(Double.nan)
                Gauge(label: StageMetricName.sweepAge, dimensions: [("stage", stage)]).record(Double.nan)
            }
        case .writer(let topic, let effects, let reasons):
            for type in Self.eventTypes(of: topic) {
                _ = Counter(label: StageMetricName.eventsConsumed, dimensions: [
                    ("stage", stage), ("topic", topic.name), ("type", type.rawValue),
                ])
            }
            for effect in effects {
                _ = Counter(label: StageMetricName.effects, dimensions: [("stage", stage), ("effect", effect)])
            }
            _ = Counter(label: StageMetricName.retries, dimensions: [("stage", stage)])
            for reason in reasons {
                _ = Counter(label: StageMetricName.deadLetters, dimensions: [("stage", stage), ("reason", reason)])
            }
            let partitions = TopicCatalog.builtIn[topic]?.partitions ?? 0
            for partition in 0..<partitions {
                Gauge(label: StageMetricName.consumerLag, dimensions: [
                    ("stage", stage), ("topic", topic.name), ("partition", "\(partition)"),
                ]).record(Double.nan)
            }
            _ = Timer(label: StageMetricName.endToEndDelay, dimensions: [("stage", stage)])
        }
    }

    /// The event types carried by `topic`.
    private static func eventTypes(of topic: SyncTopic) -> [EventType] {
        EventType.allCases.filter { type in
            switch type.origin {
            case .guance: topic == .guanceEvents
            case .jira: topic == .jiraEvents
            }
        }
    }
}
