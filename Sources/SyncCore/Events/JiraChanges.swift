import Foundation

/// A Jira issue as events refer to it.
public struct JiraIssueRef: Sendable, Hashable, Codable {
    /// The numeric issue id (the record key; stable across moves).
    public var id: String
    /// The issue key at the time of the event (`OPS-24`).
    public var key: String
    /// The Guance issue the link table links it to (informational: guance-writer looks the link up itself).
    public var guanceIssueUUID: String?

    /// Creates a reference.
    public init(id: String, key: String, guanceIssueUUID: String? = nil) {
        self.id = id
        self.key = key
        self.guanceIssueUUID = guanceIssueUUID
    }
}

/// Who did something in Jira.
public struct JiraActor: Sendable, Hashable, Codable {
    /// `accountId` on Cloud, `key` (or `name`) on Data Center.
    public var id: String
    /// The display name.
    public var displayName: String?
    /// Data Center only: the user name (the `key` may differ, e.g. after a rename), for the user map.
    public var name: String?
    /// The e-mail address, when Jira shows it (Cloud often hides it), for e-mail matching of users.
    public var emailAddress: String?

    /// Creates an actor.
    public init(id: String, displayName: String? = nil, name: String? = nil, emailAddress: String? = nil) {
        self.id = id
        self.displayName = displayName
        self.name = name
        self.emailAddress = emailAddress
    }
}

/// A linked Jira issue changed status.
public struct JiraStatusChange: Sendable, Hashable, Codable {
    /// The issue.
    public var issue: JiraIssueRef
    /// The new status id.
    public var statusId: String
    /// The new status name, for display only (localized).
    public var statusName: String
    /// The status category key: `new`, `indeterminate` or `done` (never localized).
    public var categoryKey: String
    /// The resolution name, when set.
    public var resolution: String?
    /// Who made the change, when known.
    public var changedBy: JiraActor?
    /// When the status changed (changelog time, or the issue's `updated` when the poller saw it).
    public var changedAt: Date?
    /// Jira's `statuscategorychangedate` when it returns one: the exact time of the last category
    /// change, which also reveals a status that left and came back between two polls.
    public var statusCategoryChangedAt: Date?
    /// The issue's `updated` when the poller read it (an upper bound on when the status changed).
    public var issueUpdatedAt: Date?

    /// Creates a status change.
    public init(
        issue: JiraIssueRef, statusId: String, statusName: String, categoryKey: String, resolution: String? = nil,
        changedBy: JiraActor? = nil, changedAt: Date? = nil, statusCategoryChangedAt: Date? = nil,
        issueUpdatedAt: Date? = nil
    ) {
        self.issue = issue
        self.statusId = statusId
        self.statusName = statusName
        self.categoryKey = categoryKey
        self.resolution = resolution
        self.changedBy = changedBy
        self.changedAt = changedAt
        self.statusCategoryChangedAt = statusCategoryChangedAt
        self.issueUpdatedAt = issueUpdatedAt
    }

    /// The change as a status-ledger reading.
    public var sideStatus: SideStatus? {
        SideStatus.jira(
            categoryKey: categoryKey, statusId: statusId, statusCategoryChangedAt: statusCategoryChangedAt,
            updated: issueUpdatedAt ?? changedAt)
    }
}

/// A linked Jira issue's assignee changed.
public struct JiraAssigneeChange: Sendable, Hashable, Codable {
    /// The issue.
    public var issue: JiraIssueRef
    /// The new assignee, `nil` when unassigned.
    public var assignee: JiraActor?
    /// When the assignee changed, when known.
    public var changedAt: Date?
    /// The issue's `updated` when the poller read it: the version of this reading (the ledger's
    /// `sync.status.v1` field records compare it with what the sync wrote).
    public var issueUpdatedAt: Date?

    /// Creates an assignee change.
    public init(issue: JiraIssueRef, assignee: JiraActor?, changedAt: Date? = nil, issueUpdatedAt: Date? = nil) {
        self.issue = issue
        self.assignee = assignee
        self.changedAt = changedAt
        self.issueUpdatedAt = issueUpdatedAt
    }

    /// The change as a field-ledger reading (the assignee's stable id, or none).
    public var reading: FieldReading {
        FieldReading(side: .jira, values: assignee.map { [$0.id] } ?? [], version: issueUpdatedAt ?? changedAt)
    }
}

/// A linked Jira issue's priority changed.
public struct JiraPriorityChange: Sendable, Hashable, Codable {
    /// The issue.
    public var issue: JiraIssueRef
    /// The new priority id (`nil` when the issue has none).
    public var priorityId: String?
    /// The priority's name, for display only (localized).
    public var priorityName: String?
    /// When the priority changed, when known.
    public var changedAt: Date?
    /// The issue's `updated` when the poller read it: the version of this reading.
    public var issueUpdatedAt: Date?

    /// Creates a priority change.
    public init(
        issue: JiraIssueRef, priorityId: String?, priorityName: String? = nil, changedAt: Date? = nil,
        issueUpdatedAt: Date? = nil
    ) {
        self.issue = issue
        self.priorityId = priorityId
        self.priorityName = priorityName
        self.changedAt = changedAt
        self.issueUpdatedAt = issueUpdatedAt
    }

    /// The change as a field-ledger reading.
    public var reading: FieldReading {
        FieldReading(side: .jira, values: priorityId.map { [$0] } ?? [], version: issueUpdatedAt ?? changedAt)
    }
}

/// A human comment on a linked Jira issue, as created or after an edit.
public struct JiraCommentChange: Sendable, Hashable, Codable {
    /// The issue.
    public var issue: JiraIssueRef
    /// The comment id.
    public var commentId: String
    /// The comment as plain text (converted from ADF or wiki markup by the poller).
    public var bodyText: String
    /// Who wrote it.
    public var author: JiraActor
    /// When it was written.
    public var createdAt: Date?
    /// When it was last edited.
    public var updatedAt: Date?
    /// A link to the comment in Jira.
    public var url: String?

    /// Creates a comment change.
    public init(
        issue: JiraIssueRef, commentId: String, bodyText: String, author: JiraActor, createdAt: Date?,
        updatedAt: Date?, url: String? = nil
    ) {
        self.issue = issue
        self.commentId = commentId
        self.bodyText = bodyText
        self.author = author
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.url = url
    }
}

/// A human comment removed from a linked Jira issue.
public struct JiraCommentDeletion: Sendable, Hashable, Codable {
    /// The issue.
    public var issue: JiraIssueRef
    /// The deleted comment's id.
    public var commentId: String

    /// Creates a comment deletion.
    public init(issue: JiraIssueRef, commentId: String) {
        self.issue = issue
        self.commentId = commentId
    }
}
