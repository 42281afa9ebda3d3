import Foundation
import SyncCore

/// Whether jira-writer must list a Jira issue's comments (looking for one whose marker names the
/// reply) before adding the comment of a Guance reply — or whether the link table already answers
/// "not added yet".
///
/// Every add is claimed on the link table first (a comment intent, acknowledged before the add is
/// sent) and recorded as a link right after it, so a reply with **no record at all** was never
/// attempted — as long as the table holds every record since the issue was linked. That holds for
/// an issue the sync created itself (provenance `created`: linked in the same flow that created
/// it). It does not for an issue linked later (`adopted` from the old script or after a lost link
/// table, `rebuilt` by `syncctl links rebuild`): comments may predate the link, so those list. A
/// record that is an intent (an add in flight, crashed or with an unknown outcome) or a link to
/// another Jira issue (the pair's issue was replaced) lists too.
///
/// Releases before issue 12 withdrew the intent of an add whose outcome was unknown (and listed on
/// their next attempt). An event such a process may have attempted — observed before this process
/// started, with `HostClocks.tolerance` for the poller's clock — lists too: after an upgrade, or when a
/// partition moves from an older replica. That costs a listing per reply in a process's first
/// minutes, nothing later.
package enum CommentListingRule {
    /// Whether the comments must be listed before adding the comment of a reply whose link-table
    /// record is `replyRecord`, on the Jira issue of `issueLink`, for an event observed at
    /// `observedAt` by a process that started at `processStartedAt`.
    package static func mustList(replyRecord: LinkRecord?, issueLink: LinkRecord, observedAt: Date, processStartedAt: Date) -> Bool {
        replyRecord != nil || issueLink.provenance != .created
            || observedAt < processStartedAt.addingTimeInterval(HostClocks.tolerance)
    }
}
