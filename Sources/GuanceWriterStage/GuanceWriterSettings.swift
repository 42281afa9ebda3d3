import StageRuntime

/// guance-writer's own settings beyond the shared runtime contract, from the environment.
package struct GuanceWriterSettings: Sendable, Hashable {
    /// The consumer group when neither `--group` nor `SYNC_CONSUMER_GROUP` is given.
    package static let defaultGroup = "guance-jira-sync.guance-writer"

    /// The consumer group (replicas of the writer share it).
    package var group: String
    /// How long an event for a Jira issue with no link is retried before it is dead-lettered with
    /// reason `unlinked` (the link may still be on its way from jira-writer).
    /// Env `GUANCE_WRITER_UNLINKED_GRACE_SECONDS` (default 600).
    package var unlinkedGraceSeconds: Int
    /// How long after a reply create of unknown outcome the reply list is trusted to show it
    /// (read-after-write care). Env `GUANCE_WRITER_SETTLE_SECONDS` (default 5).
    package var settleSeconds: Int
    /// The longest retry delay, also the wait after Guance refused the API key before trying again.
    /// Env `GUANCE_WRITER_MAX_RETRY_SECONDS` (default 300).
    package var maximumRetrySeconds: Int
    /// How long a Jira status change waits, when the Guance issue has a version guance-poller has
    /// not delivered yet, for that delivery (it tells whether Guance's status went away and came
    /// back in the meantime) before deciding on the values alone.
    /// Env `GUANCE_WRITER_STATUS_OBSERVATION_SECONDS` (default 120).
    package var statusObservationSeconds: Int
    /// How long a record is retried before it is dead-lettered (`SYNC_WRITER_RETRY_FOR_SECONDS`,
    /// default a day; see ``StageRuntime/WriterLoop/Settings/retryFor``).
    package var retryFor: Duration

    /// Creates settings.
    package init(
        group: String = Self.defaultGroup, unlinkedGraceSeconds: Int = 600, settleSeconds: Int = 5,
        maximumRetrySeconds: Int = 300, statusObservationSeconds: Int = 120,
        retryFor: Duration = WriterLoop.Settings.defaultRetryFor
    ) {
        self.group = group
        self.unlinkedGraceSeconds = unlinkedGraceSeconds
        self.settleSeconds = settleSeconds
        self.maximumRetrySeconds = maximumRetrySeconds
        self.statusObservationSeconds = statusObservationSeconds
        self.retryFor = retryFor
    }

    /// Settings from the environment; `group` (the `--group` option) wins over `SYNC_CONSUMER_GROUP`.
    /// - Throws: ``StageError/configuration(_:)`` for a value that is not a non-negative number.
    package init(environment: [String: String], group: String? = nil) throws(StageError) {
        self.init(
            group: group ?? environment["SYNC_CONSUMER_GROUP"] ?? Self.defaultGroup,
            unlinkedGraceSeconds: try Self.seconds("GUANCE_WRITER_UNLINKED_GRACE_SECONDS", environment, default: 600),
            settleSeconds: try Self.seconds("GUANCE_WRITER_SETTLE_SECONDS", environment, default: 5),
            maximumRetrySeconds: max(1, try Self.seconds("GUANCE_WRITER_MAX_RETRY_SECONDS", environment, default: 300)),
            statusObservationSeconds: try Self.seconds("GUANCE_WRITER_STATUS_OBSERVATION_SECONDS", environment, default: 120),
            retryFor: try WriterLoop.Settings.retryFor(environment: environment)
        )
    }

    private static func seconds(_ name: String, _ environment: [String: String], default value: Int) throws(StageError)
        -> Int
    {
        guard let text = environment[name] else { return value }
        guard let seconds = Int(text), seconds >= 0 else {
            throw StageError.configuration("\(name) must be a number of seconds, got \(text)")
        }
        return seconds
    }
}
