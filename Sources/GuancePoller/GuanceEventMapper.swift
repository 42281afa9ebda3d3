import Foundation
import GuanceAPI
import SyncCore

/// Turns Guance OpenAPI objects into the normalized event payloads of `SyncCore`.
///
/// Pure and deterministic: the same issue or reply always maps to the same payload, so the
/// derived event ids collapse duplicates.
///
/// The console link of an issue is an **assumption** (the OpenAPI documents no console URL):
/// `<consoleURL>/exceptions/issue/detail?issueUUID=<issue>&workspaceUUID=<workspace>`. When Guance
/// itself sends `extend.view_isuue_url` (seen in examples, misspelled as documented), that URL wins.
package struct GuanceEventMapper: Sendable {
    /// The Guance console base URL, e.g. `https://console.guance.com` (a trailing `/` is ignored).
    package var consoleURL: String
    /// The workspace used for console links when an issue does not say which one it is in.
    package var defaultWorkspaceUUID: String?

    /// The link names the mapper gives the links it builds.
    package enum LinkName {
        /// The issue in the Guance console.
        package static let console = "guance"
        /// The issue's source (`extend.sourceLink`).
        package static let source = "source"
    }

    /// Creates a mapper.
    package init(consoleURL: String, defaultWorkspaceUUID: String? = nil) {
        self.consoleURL = consoleURL
        self.defaultWorkspaceUUID = defaultWorkspaceUUID
    }

    /// The full snapshot of an issue.
    package func snapshot(of issue: GuanceIssue) -> GuanceIssueSnapshot {
        let workspace = issue.workspaceUUID ?? defaultWorkspaceUUID
        return GuanceIssueSnapshot(
            issueUUID: issue.uuid,
            workspaceUUID: workspace,
            name: issue.name,
            descriptionHTML: issue.descriptionHTML,
            descriptionText: issue.extend.text,
            level: level(of: issue),
            statusType: issue.statusType.rawValue,
            resourceType: issue.resourceType.isEmpty ? nil : issue.resourceType,
            resource: issue.resource.isEmpty ? nil : issue.resource,
            resourceUUID: issue.resourceUUID.isEmpty ? nil : issue.resourceUUID,
            channelUUIDs: channelUUIDs(of: issue),
            assignees: issue.extend.manager,
            links: links(of: issue, workspace: workspace),
            creator: issue.creator.map { actor(id: $0, info: issue.creatorInfo) },
            updator: issue.updator.map { actor(id: $0, info: issue.updatorInfo) },
            createdAt: issue.createdAt,
            updatedAt: issue.updatedAt
        )
    }

    /// A reply as a created or edited reply payload. The edit time is `latest_modify_time` when
    /// the list sends it, else `updateAt`.
    package func replyChange(of reply: GuanceReply, issueUUID: String) -> GuanceReplyChange {
        GuanceReplyChange(
            issueUUID: reply.issueUUID.isEmpty ? issueUUID : reply.issueUUID,
            replyUUID: reply.uuid,
            content: reply.content,
            author: actor(id: reply.creator ?? "", info: reply.creatorInfo),
            createdAt: reply.createdAt,
            updatedAt: reply.latestModifiedAt ?? reply.updatedAt
        )
    }

    /// The console URL of an issue (see the type's documentation for the assumed shape).
    package func consoleLink(issueUUID: String, workspaceUUID: String?) -> String {
        let base = consoleURL.hasSuffix("/") ? String(consoleURL.dropLast()) : consoleURL
        var url = base + "/exceptions/issue/detail?issueUUID=" + Self.queryEscaped(issueUUID)
        if let workspaceUUID { url += "&workspaceUUID=" + Self.queryEscaped(workspaceUUID) }
        return url
    }

    /// An actor from an id and the optional display info Guance sends with it (named as
    /// ``SyncCore/GuanceActor/init(id:nickname:name:email:)`` says).
    package func actor(id: String, info: GuanceAccountInfo?) -> GuanceActor {
        GuanceActor(id: id, nickname: info?.workspaceNickname, name: info?.name, email: info?.email)
    }

    private func level(of issue: GuanceIssue) -> GuanceIssueSnapshot.Level? {
        guard !issue.level.isNone else { return nil }
        let id: String
        switch issue.level.raw {
        case .uuid(let uuid): id = uuid
        case .number(let number): id = String(number)
        }
        return GuanceIssueSnapshot.Level(id: id, name: issue.details?.levelInfo?.name)
    }

    /// Channels from `extend.channels` (`#` mentions) and, for objects from issue get,
    /// `bindChannels`; de-duplicated in first-seen order.
    private func channelUUIDs(of issue: GuanceIssue) -> [String] {
        let mentioned = issue.extend.channels.filter { $0.type == "#" || $0.type.isEmpty }.map(\.uuid)
        let bound = issue.details?.bindChannels.compactMap(\.uuid) ?? []
        var seen = Set<String>()
        return (mentioned + bound).filter { seen.insert($0).inserted }
    }

    private func links(of issue: GuanceIssue, workspace: String?) -> [GuanceIssueSnapshot.Link] {
        let reported = issue.extend.fields["view_isuue_url"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        var links = [GuanceIssueSnapshot.Link(
            name: LinkName.console,
            url: reported ?? consoleLink(issueUUID: issue.uuid, workspaceUUID: workspace))]
        if let source = issue.extend.fields["sourceLink"]?.stringValue, !source.isEmpty {
            links.append(GuanceIssueSnapshot.Link(name: LinkName.source, url: source))
        }
        links += issue.extend.linkList.map { GuanceIssueSnapshot.Link(name: $0.name, url: $0.link) }
        return links
    }

    private static func queryEscaped(_ text: String) -> String {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+?#")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
