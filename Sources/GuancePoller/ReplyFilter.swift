import GuanceAPI
import SyncCore

/// Decides which Guance replies are mirrored to Jira.
///
/// Skipped: replies written by the sync itself (creator is one of its API key ids, or `extend`
/// carries `GuanceReplyMarker`), replies written through another integration's API key unless
/// ``integrationReplies`` is `mirror`, and `type: "change"` system entries unless
/// ``mirrorChangeReplies`` is set. Deleted records pass the filter: ``ReplyDiff`` turns them into
/// deletions.
package struct ReplyFilter: Sendable, Hashable {
    /// The sync's own API key ids (`wsak_…`).
    package var ownKeyIDs: Set<String>
    /// Whether `type: "change"` entries are mirrored too (configuration `guance.mirrorChangeReplies`).
    package var mirrorChangeReplies: Bool
    /// Replies of other integrations' API keys (configuration `policies.integrationReplies`).
    package var integrationReplies: IntegrationReplyPolicy

    /// Why a reply is or is not mirrored.
    package enum Decision: Sendable, Hashable {
        /// The reply is mirrored.
        case mirror
        /// Written with one of the sync's API keys.
        case skipOwnKey
        /// Carries the sync's marker.
        case skipMarker
        /// Written with another integration's API key and those are not mirrored.
        case skipIntegration
        /// A `type: "change"` system entry and change entries are not mirrored.
        case skipChange
    }

    /// Creates a filter.
    package init(
        ownKeyIDs: Set<String>, mirrorChangeReplies: Bool = false, integrationReplies: IntegrationReplyPolicy = .skip
    ) {
        self.ownKeyIDs = ownKeyIDs
        self.mirrorChangeReplies = mirrorChangeReplies
        self.integrationReplies = integrationReplies
    }

    /// The decision for one reply.
    package func decision(for reply: GuanceReply) -> Decision {
        if let creator = reply.creator, ownKeyIDs.contains(creator) { return .skipOwnKey }
        if GuanceReplyMarker.isPresent(in: reply.extend.fields) { return .skipMarker }
        if let creator = reply.creator, GuanceActor(id: creator).isAPIKey, integrationReplies == .skip {
            return .skipIntegration
        }
        if reply.type == .change && !mirrorChangeReplies { return .skipChange }
        return .mirror
    }

    /// Whether the reply is mirrored.
    package func shouldMirror(_ reply: GuanceReply) -> Bool { decision(for: reply) == .mirror }
}
