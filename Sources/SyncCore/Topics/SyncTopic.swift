/// Every Kafka topic the pipeline uses: the one place in the code that names them.
///
/// The declarative catalogue in `topics/` (one YAML file per topic) is the source of truth for
/// partitions, retention and the meaning of keys and values; `SyncCoreTests` checks that these
/// names and ``TopicCatalog/builtIn`` agree with it exactly.
public enum SyncTopic: String, CaseIterable, Sendable, Hashable {
    /// Normalized events observed in Guance (issue snapshots, replies created/edited/deleted).
    /// Key: the Guance issue UUID, so an issue's events and its replies' events stay in order.
    case guanceEvents = "guance.events.v1"
    /// Normalized events observed in Jira (status changes, comments created/edited/deleted).
    /// Key: the Jira issue id (stable across project moves, unlike the issue key).
    case jiraEvents = "jira.events.v1"
    /// Compacted link table: Guance issue ⇄ Jira issue, and Guance reply ⇄ Jira comment.
    case links = "sync.links.v1"
    /// Compacted poller checkpoints, written only after the events they cover are acknowledged.
    case checkpoints = "sync.checkpoints.v1"
    /// Compacted status ledger: per linked pair and writer, both sides' statuses at the last agreement.
    case status = "sync.status.v1"
    /// Budget exchange: the processes using a Guance key report the requests of their current window
    /// (a restarted one counts its predecessor's) and lend each other idle budget (short-lived
    /// records, kept 10 minutes).
    case budget = "sync.budget.v1"
    /// Dead letters: events a writer could not apply, with the reason and the original record.
    case deadLetters = "sync.dead-letters.v1"

    /// The topic name on the cluster.
    public var name: String { rawValue }
}
