/// The stable reason codes of dead letters (``DeadLetter/Reason/code``), in one place: the writers
/// that produce them, the `sync_dead_letters_total{reason}` series every writer exposes at 0 from its
/// start, and the operators' documentation all use these.
public enum DeadLetterCode {
    /// Any writer: the record is not a decodable event envelope.
    public static let undecodable = "undecodable"
    /// Any writer: a transient failure (the API down, 5xx, unreadable answers) outlasted the writer's
    /// retry time (`SYNC_WRITER_RETRY_FOR_SECONDS`); the reason names the last failure.
    public static let retriesExhausted = "retries-exhausted"

    /// jira-writer: a Jira event arrived on the Guance event topic.
    public static let wrongTopic = "wrong-topic"
    /// jira-writer (back-link) and guance-writer: Guance refused the request for good.
    public static let guanceRejected = "guance-rejected"
    /// jira-writer: a reply's issue never got a Jira issue (its snapshot was dead-lettered?).
    public static let issueNotLinked = "issue-not-linked"
    /// jira-writer: the workflow offers no transition to the wanted status category.
    public static let transitionUnavailable = "transition-unavailable"
    /// jira-writer: the rich-text format does not fit the Jira flavour (ADF vs wiki markup).
    public static let jiraFlavorMismatch = "jira-flavor-mismatch"
    /// jira-writer: the request could not be built (e.g. a field value Jira would never accept).
    public static let invalidRequest = "invalid-request"
    /// jira-writer: Jira answered 400 naming the fields it rejects.
    public static let jiraRejectedField = "jira-rejected-field"
    /// jira-writer: Jira answered 400 without naming fields.
    public static let jiraRejectedRequest = "jira-rejected-request"
    /// jira-writer: Jira answered 403.
    public static let jiraForbidden = "jira-forbidden"
    /// jira-writer: Jira answered 404.
    public static let jiraNotFound = "jira-not-found"
    /// jira-writer: the linked Jira issue was deleted and `policies.jiraIssueDeleted` is `deadLetter`.
    public static let jiraIssueDeleted = "jira-issue-deleted"
    /// jira-writer: Jira answered 413 (a size or count limit).
    public static let jiraLimitReached = "jira-limit-reached"
    /// jira-writer: Jira answered 422.
    public static let jiraRejectedConfiguration = "jira-rejected-configuration"
    /// jira-writer: any other permanent Jira status, `jira-http-<status>` (not known in advance).
    public static func jiraHTTP(_ status: Int) -> String { "jira-http-\(status)" }

    /// guance-writer: the Guance issue or reply does not exist (any more).
    public static let guanceNotFound = "guance-not-found"
    /// guance-writer: Guance answered with content that cannot be read.
    public static let guanceUndecodableResponse = "guance-undecodable-response"
    /// guance-writer: the Jira issue stayed linked to no Guance issue beyond the grace period.
    public static let unlinked = "unlinked"
    /// guance-writer: a Guance event arrived on the Jira event topic.
    public static let unexpectedEvent = "unexpected-event"

    /// Every fixed code jira-writer may write (``jiraHTTP(_:)`` codes come on top).
    public static let jiraWriter: [String] = [
        undecodable, retriesExhausted, wrongTopic, guanceRejected, issueNotLinked, transitionUnavailable, jiraFlavorMismatch,
        invalidRequest, jiraRejectedField, jiraRejectedRequest, jiraForbidden, jiraNotFound, jiraIssueDeleted, jiraLimitReached,
        jiraRejectedConfiguration,
    ]

    /// Every code guance-writer may write.
    public static let guanceWriter: [String] = [
        undecodable, retriesExhausted, guanceRejected, guanceNotFound, guanceUndecodableResponse, unlinked, unexpectedEvent,
    ]
}
