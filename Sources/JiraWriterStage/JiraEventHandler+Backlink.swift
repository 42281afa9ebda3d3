import Foundation
import GuanceAPI
import RichText
import StageClients
import SyncCore

extension JiraEventHandler {
    /// Posts the Jira key and URL onto the Guance issue once (`policies.backlink`): an `extend.linkList`
    /// entry (the rest of `extend` re-sent unchanged) or a marked reply. Looks before writing, so a
    /// crash between the post and the state update posts nothing twice.
    /// - Returns: whether something was posted.
    func postBacklink(_ snapshot: GuanceIssueSnapshot, link: LinkRecord, state: inout IssueSyncState) async throws -> Bool {
        guard !state.backlinked, let guance else { return false }
        let url = browseURL(link.jiraIssueKey)
        if snapshot.links.contains(where: { $0.url == url }) {
            state.backlinked = true
            return false
        }
        let posted: Bool
        do {
            switch configuration.policies.backlink {
            case .none: return false
            case .linkList: posted = try await addLinkListEntry(guance, link: link, url: url)
            case .reply: posted = try await addLinkReply(guance, issue: snapshot.issueUUID, key: link.jiraIssueKey, url: url)
            }
        } catch let error as GuanceAPIError where error.kind == .notFound {
            logger.warning("the Guance issue is gone; no back-link posted", metadata: ["guance.issue": "\(snapshot.issueUUID)"])
            posted = false
        }
        state.backlinked = true
        return posted
    }

    private func addLinkListEntry(_ guance: GuanceClient, link: LinkRecord, url: String) async throws -> Bool {
        let current = try await guance.issue(link.guanceIssueUUID)
        guard !current.extend.linkList.contains(where: { $0.link == url }) else { return false }
        var modification = GuanceIssueModification(preserving: current)
        modification.extend.linkList.append(GuanceLink(name: "Jira \(link.jiraIssueKey)", link: url))
        let modified = try await guance.modifyIssue(link.guanceIssueUUID, modification)
        await statusRecords.recordGuanceWrite(
            GuanceWriteMark(writing: modified, over: current), link: link, logger: logger)
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
