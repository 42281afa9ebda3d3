import Foundation
import GuanceAPI
import SyncCore

extension GuanceWriteMark {
    /// The mark of the write that turned `issue` (as read just before it) into `modified` (as Guance
    /// answered, or read afterwards).
    package init(writing modified: GuanceIssue, over issue: GuanceIssue) {
        self.init(
            version: modified.updatedAt, writer: Self.actor(modified.updator, modified.updatorInfo),
            displaced: Self.actor(issue.updator, issue.updatorInfo), displacedVersion: issue.updatedAt)
    }

    private static func actor(_ id: String?, _ info: GuanceAccountInfo?) -> GuanceActor? {
        id.map { GuanceActor(id: $0, nickname: info?.workspaceNickname, name: info?.name, email: info?.email) }
    }
}
