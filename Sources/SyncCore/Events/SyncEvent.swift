import Foundation

/// A normalized, versioned event exchanged over Kafka between pollers and writers.
///
/// JSON form (schema `topics/schemas/sync-event.v1.schema.json`):
/// `{"schemaVersion":1,"id":"ev1-…","type":"guance.reply.created","origin":"guance",
///   "occurredAt":"2026-11-29T01:02:03.000Z","observedAt":"…","data":{…}}`
///
/// The record key is ``key`` (the source issue id), so an issue's events and its replies' or
/// comments' events share a partition and stay in order. ``id`` is deterministic (see ``EventID``).
public struct SyncEvent: Sendable, Hashable {
    /// The schema version this code writes.
    public static let currentSchemaVersion = 1

    /// The schema version of the payload.
    public var schemaVersion: Int
    /// The deterministic event id.
    public var id: EventID
    /// When the change happened in the source system (best known time).
    public var occurredAt: Date
    /// When the poller observed it.
    public var observedAt: Date
    /// What happened.
    public var body: Body

    /// Creates an event with an id derived from its body. Times are kept to the millisecond, the
    /// precision of the JSON form, so an event equals itself after a round trip.
    public init(body: Body, occurredAt: Date, observedAt: Date) {
        self.schemaVersion = Self.currentSchemaVersion
        self.id = body.derivedID
        self.occurredAt = Self.millisecondPrecision(occurredAt)
        self.observedAt = Self.millisecondPrecision(observedAt)
        self.body = body
    }

    /// A date rounded to the nearest millisecond.
    public static func millisecondPrecision(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded() / 1000)
    }

    /// Creates an event with every field given (decoding, tests).
    public init(schemaVersion: Int, id: EventID, occurredAt: Date, observedAt: Date, body: Body) {
        self.schemaVersion = schemaVersion
        self.id = id
        self.occurredAt = occurredAt
        self.observedAt = observedAt
        self.body = body
    }

    /// The event type.
    public var type: EventType { body.type }

    /// The system the change happened in.
    public var origin: EventOrigin { body.type.origin }

    /// The Kafka record key: the Guance issue UUID for Guance events, the Jira issue id for Jira events.
    public var key: String { body.sourceIssueID }

    /// The topic the event belongs on.
    public var topic: SyncTopic { origin == .guance ? .guanceEvents : .jiraEvents }

    /// What happened, with its data.
    public enum Body: Sendable, Hashable {
        /// ``EventType/guanceIssueSnapshot``.
        case guanceIssueSnapshot(GuanceIssueSnapshot)
        /// ``EventType/guanceReplyCreated``.
        case guanceReplyCreated(GuanceReplyChange)
        /// ``EventType/guanceReplyEdited``.
        case guanceReplyEdited(GuanceReplyChange)
        /// ``EventType/guanceReplyDeleted``.
        case guanceReplyDeleted(GuanceReplyDeletion)
        /// ``EventType/jiraIssueStatusChanged``.
        case jiraIssueStatusChanged(JiraStatusChange)
        /// ``EventType/jiraIssueAssigneeChanged``.
        case jiraIssueAssigneeChanged(JiraAssigneeChange)
        /// ``EventType/jiraIssuePriorityChanged``.
        case jiraIssuePriorityChanged(JiraPriorityChange)
        /// ``EventType/jiraCommentCreated``.
        case jiraCommentCreated(JiraCommentChange)
        /// ``EventType/jiraCommentEdited``.
        case jiraCommentEdited(JiraCommentChange)
        /// ``EventType/jiraCommentDeleted``.
        case jiraCommentDeleted(JiraCommentDeletion)
    }
}
