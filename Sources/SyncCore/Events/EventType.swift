/// What an event says happened. The raw value is the `type` field of the JSON payload and the
/// `event-type` header.
public enum EventType: String, Sendable, Hashable, Codable, CaseIterable {
    /// A Guance issue was created or changed; the event carries its full current snapshot.
    case guanceIssueSnapshot = "guance.issue.snapshot"
    /// A human reply was added to a Guance issue.
    case guanceReplyCreated = "guance.reply.created"
    /// A human reply on a Guance issue was edited.
    case guanceReplyEdited = "guance.reply.edited"
    /// A human reply on a Guance issue was deleted.
    case guanceReplyDeleted = "guance.reply.deleted"
    /// A linked Jira issue moved to another status (category).
    case jiraIssueStatusChanged = "jira.issue.status-changed"
    /// A linked Jira issue's assignee changed.
    case jiraIssueAssigneeChanged = "jira.issue.assignee-changed"
    /// A linked Jira issue's priority changed.
    case jiraIssuePriorityChanged = "jira.issue.priority-changed"
    /// A human comment was added to a linked Jira issue.
    case jiraCommentCreated = "jira.comment.created"
    /// A human comment on a linked Jira issue was edited.
    case jiraCommentEdited = "jira.comment.edited"
    /// A human comment on a linked Jira issue was deleted.
    case jiraCommentDeleted = "jira.comment.deleted"

    /// The system the event type comes from.
    public var origin: EventOrigin {
        rawValue.hasPrefix("guance.") ? .guance : .jira
    }
}
