import Foundation
import GuanceAPI
import GuanceWriter
import StageRuntime
import SyncCore

/// Jira comments → Guance replies: create, edit and delete, each exactly once.
extension GuanceEventHandler {
    /// A Jira comment's place in the link table.
    private enum CommentLinkState {
        /// Nothing recorded: the comment was never mirrored.
        case none
        /// The comment mirrors a Guance reply (jira-writer wrote it): never mirror it back.
        case mirrorOfGuanceReply
        /// A reply create was intended and may or may not have happened.
        case intent(LinkRecord)
        /// The comment's reply is known.
        case linked(LinkRecord, replyUUID: String)

        init(_ link: LinkRecord?) {
            guard let link else {
                self = .none
                return
            }
            if link.origin == .guance {
                self = .mirrorOfGuanceReply
            } else if let reply = link.guanceReplyUUID, !reply.isEmpty {
                self = .linked(link, replyUUID: reply)
            } else {
                self = .intent(link)
            }
        }

        /// Whether nothing is left to do for `event`: the comment is a mirror of a Guance reply, or
        /// `event` was already applied to its reply (the link records the last applied event).
        func isSettled(by event: SyncEvent) -> Bool {
            switch self {
            case .mirrorOfGuanceReply: true
            case .linked(let link, _): link.eventID == event.id
            case .none, .intent: false
            }
        }

        var record: LinkRecord? {
            switch self {
            case .none, .mirrorOfGuanceReply: nil
            case .intent(let link), .linked(let link, _): link
            }
        }
    }

    /// The ids naming a comment in a link record.
    private typealias CommentIDs = (issueId: String, issueKey: String, commentId: String)

    func create(_ comment: JiraCommentChange, _ issue: LinkedIssue, _ event: SyncEvent) async throws -> HandlingOutcome {
        let state = CommentLinkState(links.commentLink(jiraCommentId: comment.commentId))
        switch state {
        case .mirrorOfGuanceReply:
            logger.debug(
                "comment mirrors a Guance reply; not sent back", metadata: ["jira.comment": "\(comment.commentId)"])
            return .applied(effect: Effect.noop)
        case .linked:
            return .applied(effect: Effect.noop)
        case .intent:
            return try await createOrAdopt(comment, issue, event, state: state, listed: nil)
        case .none:
            // An old event with no link at all is likely a replay after the link table was lost:
            // look for the marked reply first. Live events skip that read (one request per comment).
            // jira-poller's stamp against this host's clock: the hosts' tolerance counts as old already.
            let isOld = Date().timeIntervalSince(event.observedAt) > Self.oldEventSeconds - HostClocks.tolerance
            let listed = isOld ? try await listReplies(of: issue.guanceIssueUUID) : nil
            return try await createOrAdopt(comment, issue, event, state: state, listed: listed)
        }
    }

    /// Events observed longer ago than this (less `HostClocks.tolerance`) are checked against the replies before a create.
    static let oldEventSeconds: TimeInterval = 3600

    func edit(_ comment: JiraCommentChange, _ issue: LinkedIssue, _ event: SyncEvent) async throws -> HandlingOutcome {
        let state = CommentLinkState(links.commentLink(jiraCommentId: comment.commentId))
        if state.isSettled(by: event) { return .applied(effect: Effect.noop) }
        let replies = try await listReplies(of: issue.guanceIssueUUID)
        guard let reply = locate(comment.commentId, state, in: replies) else {
            if case .linked(_, let replyUUID) = state {
                logger.warning(
                    "the reply mirroring this comment is gone from Guance; edit not applied",
                    metadata: [
                        "jira.comment": "\(comment.commentId)", "guance.reply": "\(replyUUID)",
                    ])
                return .applied(effect: Effect.noop)
            }
            // Never mirrored (its create event was dead-lettered, or predates the sync): mirror it now.
            return try await createOrAdopt(comment, issue, event, state: state, listed: replies)
        }
        let ids: CommentIDs = (comment.issue.id, comment.issue.key, comment.commentId)
        if let mirrored = ReplyMarkerLookup.commentVersion(of: reply), let edited = comment.updatedAt, edited <= mirrored {
            logger.debug(
                "reply already mirrors this version of the comment or a later one",
                metadata: [
                    "jira.comment": "\(comment.commentId)", "guance.reply": "\(reply.uuid)",
                ])
            if edited == mirrored { try await recordIfChanged(ids, issue, state, reply: reply, event: event) }
            return .applied(effect: Effect.noop)
        }
        let draft = renderer.renderEdit(comment, existing: reply)
        if draft.content == reply.content, draft.extend == reply.extend {
            try await recordIfChanged(ids, issue, state, reply: reply, event: event)
            return .applied(effect: Effect.noop)
        }
        _ = try await guance.modifyReply(reply.uuid, draft)
        gate.accepted()
        crashPoints.reached(Effect.replyEdited, logger: logger)
        try await recordIfChanged(ids, issue, state, reply: reply, event: event)
        logger.info("edited reply", metadata: ["jira.comment": "\(comment.commentId)", "guance.reply": "\(reply.uuid)"])
        return .applied(effect: Effect.replyEdited)
    }

    func delete(_ deletion: JiraCommentDeletion, _ issue: LinkedIssue, _ event: SyncEvent) async throws -> HandlingOutcome {
        let state = CommentLinkState(links.commentLink(jiraCommentId: deletion.commentId))
        if state.isSettled(by: event) || renderer.deletionPolicy == .ignore { return .applied(effect: Effect.noop) }
        let replies = try await listReplies(of: issue.guanceIssueUUID)
        guard let reply = locate(deletion.commentId, state, in: replies) else {
            if case .intent(let intent) = state, let wait = settleWait(intent) {
                return .retry(after: wait, reason: "a reply create is in doubt; waiting before looking again")
            }
            return .applied(effect: Effect.noop)
        }
        let ids = (deletion.issue.id, deletion.issue.key, deletion.commentId)
        let effect: String
        switch renderer.deletion(deletion, existing: reply, deletedAt: event.occurredAt) {
        case .leave:
            try await recordIfChanged(ids, issue, state, reply: reply, event: event)
            return .applied(effect: Effect.noop)
        case .delete(let replyUUID):
            do {
                try await guance.deleteReply(replyUUID)
            } catch let error as GuanceAPIError where error.kind == .notFound {
                logger.info("reply already deleted", metadata: ["guance.reply": "\(replyUUID)"])
            }
            effect = Effect.replyDeleted
        case .modify(let replyUUID, let draft):
            _ = try await guance.modifyReply(replyUUID, draft)
            effect = Effect.replyDeletionNoted
        }
        gate.accepted()
        crashPoints.reached(effect, logger: logger)
        try await recordIfChanged(ids, issue, state, reply: reply, event: event)
        logger.info("applied comment deletion", metadata: ["jira.comment": "\(deletion.commentId)", "effect": "\(effect)"])
        return .applied(effect: effect)
    }

    /// Creates the reply of `comment`, unless an intent says a create may already have happened and
    /// the reply list (read after a settle time) shows the marked reply: then that reply is adopted.
    /// - Parameter listed: the issue's replies when already fetched.
    private func createOrAdopt(
        _ comment: JiraCommentChange, _ issue: LinkedIssue, _ event: SyncEvent, state: CommentLinkState,
        listed: [GuanceReply]?
    ) async throws -> HandlingOutcome {
        let ids: CommentIDs = (comment.issue.id, comment.issue.key, comment.commentId)
        let basis: String?
        if case .intent(let intent) = state {
            if let wait = settleWait(intent, recheckingLinks: true) {
                return .retry(after: wait, reason: "a reply create is in doubt; waiting before looking for it")
            }
            basis = intent.attemptID
            let replies: [GuanceReply]
            if let listed { replies = listed } else { replies = try await listReplies(of: issue.guanceIssueUUID) }
            if let found = ReplyMarkerLookup.reply(forCommentID: comment.commentId, in: replies) {
                try await recordCommentLink(
                    ids, guanceIssueUUID: issue.guanceIssueUUID, replyUUID: found.uuid, provenance: .adopted, event: event)
                logger.info(
                    "found the reply of an earlier attempt",
                    metadata: [
                        "jira.comment": "\(comment.commentId)", "guance.reply": "\(found.uuid)",
                    ])
                return .applied(effect: Effect.replyFound)
            }
        } else {
            if let listed, let found = ReplyMarkerLookup.reply(forCommentID: comment.commentId, in: listed) {
                try await recordCommentLink(
                    ids, guanceIssueUUID: issue.guanceIssueUUID, replyUUID: found.uuid, provenance: .adopted, event: event)
                return .applied(effect: Effect.replyFound)
            }
            basis = nil
        }
        let claim = try await links.claim(
            LinkRecord(
                kind: .comment, guanceIssueUUID: issue.guanceIssueUUID, jiraIssueId: ids.issueId, jiraIssueKey: ids.issueKey,
                guanceReplyUUID: nil, jiraCommentId: ids.commentId, origin: .jira, provenance: .created, eventID: event.id,
                linkedAt: Date()),
            supersedes: basis)
        if claim.won, let intent = claim.latest { intentSightings.noteWritten(intent) }
        guard claim.won else {
            logger.warning("not creating the reply: another writer claimed the create first", metadata: [
                "jira.comment": "\(comment.commentId)", "winner.event": "\(claim.latest?.eventID?.rawValue ?? "withdrawn")",
            ])
            let wait = claim.latest.flatMap { $0.isIntent ? settleWait($0, recheckingLinks: true) : nil } ?? .seconds(1)
            return .retry(after: wait, reason: "another writer is creating this reply (its intent came first)")
        }
        let reply = try await guance.createReply(renderer.render(comment, issueUUID: issue.guanceIssueUUID))
        gate.accepted()
        crashPoints.reached(Effect.replyCreated, logger: logger)
        try await recordCommentLink(
            ids, guanceIssueUUID: issue.guanceIssueUUID, replyUUID: reply.uuid, provenance: .created, event: event)
        logger.info(
            "created reply",
            metadata: [
                "jira.comment": "\(comment.commentId)", "guance.issue": "\(issue.guanceIssueUUID)",
                "guance.reply": "\(reply.uuid)",
            ])
        return .applied(effect: Effect.replyCreated)
    }

    /// Every reply of a Guance issue (one request per page of 100).
    private func listReplies(of issueUUID: String) async throws -> [GuanceReply] {
        let replies = try await guance.replyPages(issueUUID: issueUUID).collectItems()
        gate.accepted()
        return replies
    }

    /// The live reply mirroring `commentId`: the linked one, else the one carrying its marker.
    private func locate(_ commentId: String, _ state: CommentLinkState, in replies: [GuanceReply]) -> GuanceReply? {
        if case .linked(_, let replyUUID) = state,
            let reply = replies.first(where: { $0.uuid == replyUUID && !$0.isDeleted })
        {
            return reply
        }
        return ReplyMarkerLookup.reply(forCommentID: commentId, in: replies)
    }

    /// How long to wait before trusting the reply list after the intent `intent` (its age as
    /// ``IntentSightings`` knows it), or `nil`. With
    /// `recheckingLinks`, at most `IntentSightings.recheckSeconds` (no request is made before the wait, so the
    /// link table is looked at again meanwhile: the writer of the intent, alive in another replica,
    /// may record its link long before the settle time ends).
    private func settleWait(_ intent: LinkRecord, recheckingLinks: Bool = false) -> Duration? {
        intentSightings.settleWait(
            intent, settleSeconds: TimeInterval(settings.settleSeconds),
            step: recheckingLinks ? IntentSightings.recheckSeconds : .infinity)
    }

    /// Records the comment link to `reply` with this event, unless the table already says exactly that.
    private func recordIfChanged(
        _ ids: CommentIDs, _ issue: LinkedIssue, _ state: CommentLinkState, reply: GuanceReply, event: SyncEvent
    ) async throws {
        let link = state.record
        if link?.guanceReplyUUID == reply.uuid, link?.eventID == event.id { return }
        let provenance: LinkRecord.Provenance =
            link?.guanceReplyUUID == reply.uuid ? (link?.provenance ?? .adopted) : .adopted
        try await recordCommentLink(
            ids, guanceIssueUUID: issue.guanceIssueUUID, replyUUID: reply.uuid, provenance: provenance, event: event)
    }
}
