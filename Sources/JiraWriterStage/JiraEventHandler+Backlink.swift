import Foundation
import GuanceAPI
import RichText
import StageClients
import StageRuntime
import SyncCore
import Synchronization

extension JiraEventHandler {
    /// The back-link of a snapshot's issue (`policies.backlink`): nothing when it is off or done —
    /// shown on the snapshot, or posted by this process (the sync property then records it) —
    /// otherwise a follow-up that posts it off the issue's lane (``BacklinkQueue``), so the
    /// Guance budget never holds up this issue's or any other issue's Jira writes.
    ///
    /// A `linkList` back-link can be taken away again: Guance's modify replaces the whole `extend`,
    /// so a write that read the issue just before the back-link landed (guance-writer's, a person's
    /// console) re-sends the list without it. A snapshot newer than the version that showed the
    /// back-link (`backlinkedAt`) and without it asks for it again; older ones (replays) do not.
    func backlinkFollowUp(_ snapshot: GuanceIssueSnapshot, link: LinkRecord, state: inout IssueSyncState) async -> FollowUp? {
        guard let guance, let backlinks, configuration.policies.backlink != .none else { return nil }
        let url = browseURL(link.jiraIssueKey)
        if snapshot.links.contains(where: { $0.url == url }) {
            state.backlinked = true
            return nil
        }
        let issue = snapshot.issueUUID
        if state.backlinked {
            guard configuration.policies.backlink == .linkList, let at = state.backlinkedAt, let version = snapshot.updatedAt,
                version >= at
            else { return nil }
            logger.info("the back-link is gone from the Guance issue; posting it again", metadata: [
                "guance.issue": "\(issue)", "jira.issue": "\(link.jiraIssueKey)",
            ])
            await backlinks.recorded(issue, url: url)
        } else if await backlinks.isPosted(issue, url: url) {
            state.backlinked = true
            return nil
        }
        let landedAt = LandedVersion()
        return FollowUp(name: "guance_backlink") { [self] lease in
            let ending = await backlinks.post(issue: issue, url: url, lease: lease) { [self] in
                // Ownership is checked once the issue is this follow-up's: a handler of the issue may
                // have held it while the partition moved.
                try await issueLocks.withLock(issue) {
                    try await lease.writing {
                        // The pair changed meanwhile (its Jira issue deleted, recreated or unlinked):
                        // nothing left to do here; the newer snapshot asks for its own back-link.
                        guard let current = links.issueLink(guanceIssueUUID: issue), !current.isDetached,
                              current.jiraIssueId == link.jiraIssueId else { return false }
                        return try await postBacklink(guance, issue: issue, link: link, url: url, landedAt: landedAt)
                    }
                }
            }
            // Outside the queue's turn: a Jira wait (a per-issue write limit) holds no other back-link.
            if ending == .done {
                await issueLocks.withLock(issue) {
                    if await lease.writing({ await markBacklinked(link, at: landedAt.value) }) == true {
                        await backlinks.recorded(issue, url: url)
                    }
                }
            }
            return ending
        }
    }

    /// Records in the Jira issue's sync property that its back-link is posted, so no later snapshot
    /// (also after a restart) spends Guance budget on looking for it. Runs under the issue's lock,
    /// so it never overwrites the handler's property write. A failure only costs that look later.
    /// - Returns: whether the property records the back-link now.
    private func markBacklinked(_ link: LinkRecord, at version: Date?) async -> Bool {
        do {
            let property = try await jira.issueProperty(issue: link.jiraIssueId, key: propertyKey)
            var state = IssueSyncState(property: property)
            guard !state.backlinked || (version != nil && state.backlinkedAt != version) else { return true }
            state.backlinked = true
            if let version { state.backlinkedAt = version }
            try await jira.setIssueProperty(issue: link.jiraIssueId, key: propertyKey, value: state.value)
            return true
        } catch {
            logger.info("back-link posted, not recorded in the Jira issue's property", metadata: [
                "jira.issue": "\(link.jiraIssueKey)", "error": "\(error)",
            ])
            return false
        }
    }

    /// Posts the Jira key and URL onto the Guance issue once: an `extend.linkList` entry (the rest
    /// of `extend` re-sent unchanged) or a marked reply. Looks before writing, so a crash or a
    /// redelivery after the post posts nothing twice.
    /// - Returns: whether something was posted.
    private func postBacklink(
        _ guance: GuanceClient, issue: String, link: LinkRecord, url: String, landedAt: LandedVersion
    ) async throws -> Bool {
        do {
            switch configuration.policies.backlink {
            case .none: return false
            case .linkList: return try await addLinkListEntry(guance, link: link, url: url, landedAt: landedAt)
            case .reply: return try await addLinkReply(guance, issue: issue, key: link.jiraIssueKey, url: url)
            }
        } catch let error as GuanceAPIError where error.kind == .notFound {
            logger.warning("the Guance issue is gone; no back-link posted", metadata: ["guance.issue": "\(issue)"])
            return false
        }
    }

    /// Adds the `extend.linkList` entry, the issue read and modified back to back (and read again
    /// on a retry), so the re-sent `extend` never undoes an assignee or link someone set meanwhile.
    private func addLinkListEntry(_ guance: GuanceClient, link: LinkRecord, url: String, landedAt: LandedVersion) async throws -> Bool {
        let update = try await guance.updateIssue(link.guanceIssueUUID) { current, modification in
            guard !current.extend.linkList.contains(where: { $0.link == url }) else { return false }
            modification.extend.linkList.append(GuanceLink(name: "Jira \(link.jiraIssueKey)", link: url))
            return true
        }
        landedAt.value = (update.modified ?? update.read).updatedAt
        guard let modified = update.modified else { return false }
        await statusRecords.recordGuanceWrite(
            GuanceWriteMark(writing: modified, over: update.read), link: link, logger: logger)
        return true
    }

    private func addLinkReply(_ guance: GuanceClient, issue: String, key: String, url: String) async throws -> Bool {
        for try await page in guance.replyPages(issueUUID: issue) {
            if page.items.contains(where: { $0.content.contains(url) }) { return false }
        }
        let extend = GuanceExtend(fields: GuanceReplyMarker(commentID: nil, issueKey: key).marking([:]))
        _ = try await guance.createReply(GuanceReplyDraft(issueUUID: issue, content: "Jira \(key): \(url)", extend: extend))
        return true
    }
}

/// The Guance version at which a back-link was seen in place, handed from the post to the mark.
private final class LandedVersion: Sendable {
    private let version = Mutex<Date?>(nil)

    var value: Date? {
        get { version.withLock { $0 } }
        set { version.withLock { $0 = newValue } }
    }
}
