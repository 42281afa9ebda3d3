import Foundation
import JiraAPI
import RichText
import SyncCore

extension IssueChangeDetector {
    /// The plain text of a comment body (ADF on Cloud, wiki markup on Data Center).
    package static func plainText(_ body: JiraRichText?) -> String {
        switch body {
        case .adf(let node): RichDocument(adf: node).plainText()
        case .wiki(let markup): RichDocument(jiraWikiMarkup: markup).plainText()
        case nil: ""
        }
    }

    func commentState(_ comment: JiraComment) -> JiraIssueSyncState.CommentState {
        .init(
            updatedMilliseconds: comment.updated.map { $0.epochMilliseconds },
            digest: EventID.digest(Self.plainText(comment.body))
        )
    }

    func commentBodies(
        _ comments: [JiraComment], previous: JiraIssueSyncState, current: JiraIssueSyncState,
        reference: JiraIssueRef, changedAt: Date
    ) -> [(SyncEvent.Body, Date)] {
        var bodies: [(SyncEvent.Body, Date)] = []
        for comment in comments {
            guard let now = current.comments[comment.id] else { continue }
            let change = commentChange(comment, reference: reference)
            if let before = previous.comments[comment.id] {
                if before != now {
                    bodies.append((.jiraCommentEdited(change), comment.updated ?? changedAt))
                }
            } else {
                bodies.append((.jiraCommentCreated(change), comment.created ?? changedAt))
            }
        }
        for gone in previous.comments.keys.sorted() where current.comments[gone] == nil {
            bodies.append((.jiraCommentDeleted(.init(issue: reference, commentId: gone)), changedAt))
        }
        return bodies
    }

    private func commentChange(_ comment: JiraComment, reference: JiraIssueRef) -> JiraCommentChange {
        let author = comment.author.map { JiraActor(id: $0.stableIdentifier ?? "", displayName: $0.displayName) }
        return JiraCommentChange(
            issue: reference, commentId: comment.id, bodyText: Self.plainText(comment.body),
            author: author ?? JiraActor(id: ""), createdAt: comment.created, updatedAt: comment.updated,
            url: baseURL.map { Self.commentURL(baseURL: $0, issueKey: reference.key, commentId: comment.id) }
        )
    }

    /// `<base>/browse/<KEY>?focusedCommentId=<id>`.
    static func commentURL(baseURL: String, issueKey: String, commentId: String) -> String {
        let base = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        return "\(base)/browse/\(issueKey)?focusedCommentId=\(commentId)"
    }
}
