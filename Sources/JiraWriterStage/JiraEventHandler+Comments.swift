import Foundation
import JiraAPI
import JiraWriter
import Kafka
import RichText
import StageRuntime
import SyncCore

extension JiraEventHandler {
    /// Mirrors a created or edited human reply as a Jira comment, exactly once: the link table first,
    /// then — only when the table cannot answer (``CommentListingRule``) — the comment markers on the
    /// issue (a crash or an unknown outcome between the add and the link), then an add. A new reply
    /// on an issue the sync created is one Jira call: the add (the attribution's Guance link is
    /// remembered from the issue's creation or its first reading; the first reply of an issue in a
    /// process reads it once).
    /// An edit replaces the same comment's body unless it already shows it or a later edit was applied.
    func applyReply(_ reply: GuanceReplyChange, edited: Bool, event: SyncEvent, attempt: Int) async throws -> HandlingOutcome {
        guard let link = links.issueLink(guanceIssueUUID: reply.issueUUID) else {
            return unlinked(reply.issueUUID, attempt: attempt)
        }
        let known = commentId(ofReply: reply.replyUUID, on: link)
        if known != nil, !edited { return .applied(effect: "noop") }
        let record = links.commentLink(guanceReplyUUID: reply.replyUUID)
        // Another writer's add in progress (or this one's, before a crash): the intent this decision is based on.
        let intent = record.flatMap { $0.isIntent ? $0 : nil }
        let url = try await guanceURL(of: link)
        let rendered = commentRenderer.render(reply, guanceIssueURL: url)
        let property = Self.commentProperty(
            rendered.property.value, appliedAt: reply.updatedAt ?? reply.createdAt, observedAt: event.observedAt)
        let commentId: String
        if let known {
            commentId = known
        } else if CommentListingRule.mustList(
            replyRecord: record, issueLink: link, observedAt: event.observedAt, processStartedAt: startedAt),
            let found = try await findMarkedComment(issue: link.jiraIssueId, replyUUID: reply.replyUUID)
        {
            try await recordCommentLink(link, reply: reply.replyUUID, commentId: found.id, provenance: .created, event: event)
            ambiguousAdds.forget(intent?.attemptID)
            guard edited else { return .applied(effect: "jira_comment_linked") }
            commentId = found.id
        } else {
            if let intent, ambiguousAdds.contains(intent.attemptID) {
                if let wait = ambiguousAdds.wait(for: intent.attemptID) {
                    return .retry(after: wait, reason: "this reply's comment add had an unknown outcome; Jira may still commit it")
                }
            } else if let intent, let wait = intentWait(intent) {
                return .retry(after: wait, reason: "another writer may be adding this reply's comment")
            }
            let claim = try await links.claim(
                LinkRecord(
                    kind: .comment, guanceIssueUUID: link.guanceIssueUUID, jiraIssueId: link.jiraIssueId,
                    jiraIssueKey: link.jiraIssueKey, guanceReplyUUID: reply.replyUUID, jiraCommentId: nil, origin: .guance,
                    provenance: .created, eventID: event.id, linkedAt: Date()),
                supersedes: record?.claimBasis)
            guard claim.won else {
                logger.warning("not adding the comment: another writer claimed the add first", metadata: [
                    "guance.reply": "\(reply.replyUUID)", "winner.event": "\(claim.latest?.eventID?.rawValue ?? "withdrawn")",
                ])
                let wait = claim.latest.flatMap(intentWait) ?? .seconds(1)
                return .retry(after: wait, reason: "another writer is adding this reply's comment")
            }
            ambiguousAdds.forget(intent?.attemptID)
            let comment: JiraComment
            do {
                comment = try await jira.addComment(
                    issue: link.jiraIssueId, body: rendered.body, properties: [propertyKey: property])
            } catch {
                if let error = error as? JiraAPIError, Self.provesNothingCreated(error) {
                    // Known not added: withdrawn, the next attempt adds without listing.
                    try? await links.withdraw(claim)
                } else {
                    // The add may have landed: the intent stays, so whoever tries next lists the
                    // comments first (this process after ``AmbiguousCommentAdds/settle``, another
                    // writer after the intent settles).
                    ambiguousAdds.remember(claim.attempt)
                }
                throw error
            }
            context.crashPoint("jira_comment_added")
            try await recordCommentLink(link, reply: reply.replyUUID, commentId: comment.id, provenance: .created, event: event)
            return .applied(effect: "jira_comment_added")
        }
        guard let comment = try await findComment(issue: link.jiraIssueId, id: commentId) else {
            logger.info("the Jira comment of an edited reply is gone; nothing to edit", metadata: [
                "guance.reply": "\(reply.replyUUID)", "jira.comment": "\(commentId)",
            ])
            return .applied(effect: "noop")
        }
        // Deleted in Guance (final): an edit handled after the deletion — redelivered, or the late
        // work of a replica evicted from its group — must not take the note away.
        if CommentRenderer.showsDeletionNote(comment.body) {
            logger.info("the reply of this comment was deleted in Guance; its edit is not applied", metadata: [
                "guance.reply": "\(reply.replyUUID)", "jira.comment": "\(commentId)", "event.id": "\(event.id)",
            ])
            return .applied(effect: "noop")
        }
        if Self.isApplied(reply, observedAt: event.observedAt, property: comment.properties[propertyKey]) {
            return .applied(effect: "noop")
        }
        if comment.body?.showsSameContent(as: rendered.body) == true { return .applied(effect: "noop") }
        _ = try await jira.updateComment(issue: link.jiraIssueId, commentId: commentId, body: rendered.body)
        try await jira.setCommentProperty(commentId: commentId, key: propertyKey, value: property)
        return .applied(effect: "jira_comment_edited")
    }

    /// Applies `policies.guanceReplyDeleted` to the comment of a deleted reply (a note already there,
    /// or a comment already gone, is left alone).
    func applyDeletion(_ deletion: GuanceReplyDeletion, event: SyncEvent) async throws -> HandlingOutcome {
        guard let link = links.issueLink(guanceIssueUUID: deletion.issueUUID) else { return .applied(effect: "noop") }
        var commentId = commentId(ofReply: deletion.replyUUID, on: link)
        if commentId == nil {
            commentId = try await findMarkedComment(issue: link.jiraIssueId, replyUUID: deletion.replyUUID)?.id
        }
        guard let commentId, let comment = try await findComment(issue: link.jiraIssueId, id: commentId) else {
            return .applied(effect: "noop")
        }
        switch commentRenderer.deletion(deletion, currentBody: comment.body) {
        case .leave:
            return .applied(effect: "noop")
        case .delete:
            try await jira.deleteComment(issue: link.jiraIssueId, commentId: commentId)
            return .applied(effect: "jira_comment_deleted")
        case .updateBody(let body):
            _ = try await jira.updateComment(issue: link.jiraIssueId, commentId: commentId, body: body)
            return .applied(effect: "jira_comment_noted")
        }
    }

    /// How long a comment intent of another attempt is waited on before it is superseded (its add may
    /// still be in flight; the comment list shows a finished one), looking at the link table at least
    /// every 10 s; `nil` once it has settled (its age as ``IntentSightings`` knows it).
    private func intentWait(_ intent: LinkRecord) -> Duration? {
        guard intent.isIntent else { return .seconds(1) }
        return intentSightings.settleWait(
            intent, settleSeconds: TimeInterval(settings.createSettleSeconds), step: IntentSightings.recheckSeconds)
    }

    /// The Jira comment mirroring a reply on the pair's current Jira issue (a comment link to an issue
    /// that was deleted and replaced does not count).
    private func commentId(ofReply replyUUID: String, on link: LinkRecord) -> String? {
        guard let comment = links.commentLink(guanceReplyUUID: replyUUID), comment.jiraIssueId == link.jiraIssueId else {
            return nil
        }
        return comment.jiraCommentId
    }

    /// A reply whose issue has no Jira issue yet: its snapshot comes first on the same partition, so
    /// this is rare (the snapshot was dead-lettered, or is being retried elsewhere); wait a little,
    /// then dead-letter rather than block the issue for good.
    private func unlinked(_ issueUUID: String, attempt: Int) -> HandlingOutcome {
        guard attempt < Self.unlinkedReplyAttempts else {
            return .deadLetter(DeadLetter.Reason(
                code: DeadLetterCode.issueNotLinked, message: "Guance issue \(issueUUID) has no Jira issue (was its snapshot dead-lettered?)"))
        }
        return .retry(after: .seconds(classifier.backoff(attempt)), reason: "Guance issue \(issueUUID) has no Jira issue yet")
    }

    /// The Guance link for attributions: remembered (``GuanceURLCache``), else from the issue's sync
    /// state (else the console).
    private func guanceURL(of link: LinkRecord) async throws -> String {
        if let url = guanceURLs.url(of: link.jiraIssueId) { return url }
        let property = try await jira.issueProperty(issue: link.jiraIssueId, key: propertyKey)
        guard let url = IssueSyncState(property: property).guanceURL else { return configuration.guance.consoleURL }
        guanceURLs.remember(url, of: link.jiraIssueId)
        return url
    }

    /// The comment of `issue` whose sync marker names `replyUUID`.
    func findMarkedComment(issue: String, replyUUID: String) async throws -> JiraComment? {
        for try await comment in jira.comments(issue: issue) {
            if JiraPropertyMarker.replyUUID(inCommentProperty: comment.properties[propertyKey]) == replyUUID { return comment }
        }
        return nil
    }

    /// The comment `id` of `issue`, if it still exists.
    private func findComment(issue: String, id: String) async throws -> JiraComment? {
        for try await comment in jira.comments(issue: issue) where comment.id == id { return comment }
        return nil
    }

    private func recordCommentLink(
        _ link: LinkRecord, reply: String, commentId: String, provenance: LinkRecord.Provenance, event: SyncEvent
    ) async throws {
        try await links.record(LinkRecord(
            kind: .comment, guanceIssueUUID: link.guanceIssueUUID, jiraIssueId: link.jiraIssueId,
            jiraIssueKey: link.jiraIssueKey, guanceReplyUUID: reply, jiraCommentId: commentId, origin: .guance,
            provenance: provenance, eventID: event.id, linkedAt: Date()))
    }

    /// The comment marker plus `appliedAt`: the reply version the body shows (epoch ms).
    static func commentProperty(_ marker: JSONValue, appliedAt: Date?, observedAt: Date) -> JSONValue {
        guard var object = marker.objectValue else { return marker }
        if let appliedAt { object["appliedAt"] = .int(appliedAt.epochMilliseconds) }
        object["appliedObservedAt"] = .int(observedAt.epochMilliseconds)
        return .object(object)
    }

    /// Whether the comment already shows `reply`'s version or a later one, from its marker: the
    /// reply version it shows (`appliedAt`), and when guance-poller observed that version
    /// (`appliedObservedAt`). Guance stamps versions in whole seconds, so a reply edited within the
    /// second it was written (or edited twice in one second) has one version for two texts; then
    /// the one observed later is the newer (chaos seed 2361416659: the edit was taken for the
    /// version already shown and never reached Jira). A marker without the observation time (older
    /// comments) leaves a same-second edit to the content comparison.
    static func isApplied(_ reply: GuanceReplyChange, observedAt: Date, property: JSONValue?) -> Bool {
        guard let applied = property?["appliedAt"]?.intValue, let edited = reply.updatedAt?.epochMilliseconds else { return false }
        if edited != applied { return edited < applied }
        guard let appliedObserved = property?["appliedObservedAt"]?.intValue else { return false }
        // The same observation (a redelivery) goes on to the content comparison, which finds it shown.
        return observedAt.epochMilliseconds < appliedObserved
    }
}
