import Foundation

/// One stored issue (the current state, or a snapshot of it in the search history).
struct IssueRecord: Sendable, Hashable {
    var id: Int
    var key: String
    var projectKey: String
    var issueTypeId: String
    var summary: String
    /// ADF object (stored via v3) or wiki string (stored via v2); `null` when absent.
    var description: SimJSON
    var priorityId: String?
    var labels: [String]
    var statusId: String
    var resolutionId: String?
    var resolutionDate: Date?
    /// Who the issue is reported by: the creator unless the create named another `reporter`.
    var reporterIndex: Int
    /// Who created the issue (the caller of the create; never changes).
    var creatorIndex: Int
    var created: Date
    var updated: Date
    var properties: [String: SimJSON]
    /// When the status last moved to another category (`statuscategorychangedate`); `nil` = created.
    var statusCategoryChanged: Date?
    /// Who the issue is assigned to; `nil` = unassigned.
    var assigneeIndex: Int?
}

/// One stored comment.
struct CommentRecord: Sendable, Hashable {
    var id: Int
    var issueId: Int
    var authorIndex: Int
    var updateAuthorIndex: Int
    var body: SimJSON
    var created: Date
    var updated: Date
    var properties: [String: SimJSON]
    var visibility: SimJSON?
}

/// One stored remote link.
struct RemoteLinkRecord: Sendable, Hashable {
    var id: Int
    var issueId: Int
    var globalId: String?
    var application: SimJSON
    var relationship: SimJSON
    var object: SimJSON
}

/// A point in an issue's history as the search index sees it.
struct IssueVersion: Sendable, Hashable {
    var indexedAt: Date
    /// `nil` when the issue was deleted at `indexedAt`.
    var issue: IssueRecord?
}
