import Foundation

extension SyncEvent.Body {
    /// The event type of this body.
    public var type: EventType {
        switch self {
        case .guanceIssueSnapshot: .guanceIssueSnapshot
        case .guanceReplyCreated: .guanceReplyCreated
        case .guanceReplyEdited: .guanceReplyEdited
        case .guanceReplyDeleted: .guanceReplyDeleted
        case .jiraIssueStatusChanged: .jiraIssueStatusChanged
        case .jiraIssueAssigneeChanged: .jiraIssueAssigneeChanged
        case .jiraIssuePriorityChanged: .jiraIssuePriorityChanged
        case .jiraCommentCreated: .jiraCommentCreated
        case .jiraCommentEdited: .jiraCommentEdited
        case .jiraCommentDeleted: .jiraCommentDeleted
        }
    }

    /// The source issue id: the record key.
    public var sourceIssueID: String {
        switch self {
        case .guanceIssueSnapshot(let snapshot): snapshot.issueUUID
        case .guanceReplyCreated(let reply), .guanceReplyEdited(let reply): reply.issueUUID
        case .guanceReplyDeleted(let deletion): deletion.issueUUID
        case .jiraIssueStatusChanged(let change): change.issue.id
        case .jiraIssueAssigneeChanged(let change): change.issue.id
        case .jiraIssuePriorityChanged(let change): change.issue.id
        case .jiraCommentCreated(let comment), .jiraCommentEdited(let comment): comment.issue.id
        case .jiraCommentDeleted(let deletion): deletion.issue.id
        }
    }

    /// The deterministic id of the change this body describes.
    ///
    /// - Snapshots: issue, its `updateAt` and a digest of every synced field, so an unchanged issue
    ///   seen again (overlap, restart) has the same id, and any real change, a new one.
    /// - Created / deleted: the reply or comment id alone (each happens once).
    /// - Edited: the id, its edit time and a digest of the new text.
    /// - Jira status / assignee / priority: the issue, the new value and the change time, so flipping back and
    ///   forth yields a new id each time (when the time is unknown, a repeat of the same value
    ///   collapses, which read-before-write at the writer makes harmless).
    public var derivedID: EventID {
        switch self {
        case .guanceIssueSnapshot(let snapshot):
            return EventID.derive(type, [
                snapshot.issueUUID, Self.stamp(snapshot.updatedAt), EventID.digest(Self.canonicalJSON(snapshot)),
            ])
        case .guanceReplyCreated(let reply):
            return EventID.derive(type, [reply.issueUUID, reply.replyUUID])
        case .guanceReplyEdited(let reply):
            return EventID.derive(type, [
                reply.issueUUID, reply.replyUUID, Self.stamp(reply.updatedAt), EventID.digest(reply.content),
            ])
        case .guanceReplyDeleted(let deletion):
            return EventID.derive(type, [deletion.issueUUID, deletion.replyUUID])
        case .jiraIssueStatusChanged(let change):
            return EventID.derive(type, [change.issue.id, change.statusId, change.categoryKey, Self.stamp(change.changedAt)])
        case .jiraIssueAssigneeChanged(let change):
            return EventID.derive(type, [change.issue.id, change.assignee?.id ?? "", Self.stamp(change.changedAt)])
        case .jiraIssuePriorityChanged(let change):
            return EventID.derive(type, [change.issue.id, change.priorityId ?? "", Self.stamp(change.changedAt)])
        case .jiraCommentCreated(let comment):
            return EventID.derive(type, [comment.issue.id, comment.commentId])
        case .jiraCommentEdited(let comment):
            return EventID.derive(type, [
                comment.issue.id, comment.commentId, Self.stamp(comment.updatedAt), EventID.digest(comment.bodyText),
            ])
        case .jiraCommentDeleted(let deletion):
            return EventID.derive(type, [deletion.issue.id, deletion.commentId])
        }
    }

    /// Milliseconds since the epoch, or `-` for an unknown time.
    private static func stamp(_ date: Date?) -> String {
        date.map { String($0.epochMilliseconds) } ?? "-"
    }

    private static func canonicalJSON(_ value: some Encodable) -> String {
        let data = (try? SyncEventCodec.makeEncoder().encode(value)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
