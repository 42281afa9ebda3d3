import StageRuntime

/// jira-writer settings beyond the shared runtime contract, from the environment.
package struct JiraWriterSettings: Sendable, Hashable {
    /// The default consumer group.
    package static let defaultGroup = "guance-jira-sync.jira-writer"

    /// The consumer group (`SYNC_CONSUMER_GROUP`; the executable's `--group` sets it).
    package var group: String
    /// How long an empty label search must stay empty after a create with an unknown outcome (a crash
    /// or a timeout between the create and the link) before the issue is created again
    /// (`JIRA_WRITER_CREATE_SETTLE_SECONDS`, default 300: Jira Cloud does not bound its search lag).
    package var createSettleSeconds: Int
    /// The pause between two label searches while waiting (`JIRA_WRITER_SEARCH_RETRY_SECONDS`, default 10).
    package var searchRetrySeconds: Int
    /// How long a record is retried before it is dead-lettered (`SYNC_WRITER_RETRY_FOR_SECONDS`,
    /// default a day; see ``StageRuntime/WriterLoop/Settings/retryFor``).
    package var retryFor: Duration

    /// Creates settings.
    package init(
        group: String = Self.defaultGroup, createSettleSeconds: Int = 300, searchRetrySeconds: Int = 10,
        retryFor: Duration = WriterLoop.Settings.defaultRetryFor
    ) {
        self.group = group
        self.createSettleSeconds = createSettleSeconds
        self.searchRetrySeconds = searchRetrySeconds
        self.retryFor = retryFor
    }

    /// Reads the settings from `environment`.
    /// - Throws: ``StageError/configuration(_:)`` for a value that is not a positive number.
    package init(environment: [String: String]) throws(StageError) {
        self.init(
            group: environment["SYNC_CONSUMER_GROUP"].flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultGroup,
            createSettleSeconds: try Self.seconds("JIRA_WRITER_CREATE_SETTLE_SECONDS", environment, default: 300),
            searchRetrySeconds: try Self.seconds("JIRA_WRITER_SEARCH_RETRY_SECONDS", environment, default: 10),
            retryFor: try WriterLoop.Settings.retryFor(environment: environment))
    }

    private static func seconds(_ name: String, _ environment: [String: String], default value: Int) throws(StageError) -> Int {
        guard let text = environment[name] else { return value }
        guard let seconds = Int(text), seconds >= 1 else {
            throw StageError.configuration("\(name) must be a positive number of seconds, got \(text)")
        }
        return seconds
    }
}
