import Foundation
import SyncCore

/// Guance events as guance-poller would publish them.
enum GuanceEvents {
    static let base = Date(timeIntervalSince1970: 1_790_000_000)

    /// A fresh Guance issue UUID.
    static func issueUUID() -> String { "issue_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "") }

    /// A snapshot of `uuid` changed `minute` minutes after ``base``.
    static func snapshot(
        _ uuid: String, name: String = "数据库连接超时 database timeout", status: Int = 10, minute: Int = 0, at: Date? = nil
    ) -> SyncEvent {
        let changed = at ?? base.addingTimeInterval(Double(minute) * 60)
        let snapshot = GuanceIssueSnapshot(
            issueUUID: uuid, workspaceUUID: "wksp_test", name: name,
            descriptionHTML: "<p>Connections to <b>mysql-01</b> time out.</p>",
            level: .init(id: "system_level_1", name: "P1"), statusType: status, resourceType: "checker", resource: "mysql-01",
            links: [.init(name: "guance", url: "https://console.guance.example/issues/\(uuid)")],
            creator: GuanceActor(id: "acnt_1", name: "张三"), createdAt: base, updatedAt: changed)
        return SyncEvent(body: .guanceIssueSnapshot(snapshot), occurredAt: changed, observedAt: changed)
    }

    /// A human reply on `uuid`; `edited`: its edit `editedAfter` seconds after it was written
    /// (Guance versions are whole seconds: 0 is an edit within the same second), observed by
    /// guance-poller a second after the edit.
    static func reply(
        _ uuid: String, reply: String, text: String, minute: Int = 1, edited: Bool = false, editedAfter: TimeInterval = 30
    ) -> SyncEvent {
        let created = base.addingTimeInterval(Double(minute) * 60)
        let updated = edited ? created.addingTimeInterval(editedAfter) : created
        let change = GuanceReplyChange(
            issueUUID: uuid, replyUUID: reply, content: text, author: GuanceActor(id: "acnt_2", name: "李四"),
            createdAt: created, updatedAt: updated)
        let body: SyncEvent.Body = edited ? .guanceReplyEdited(change) : .guanceReplyCreated(change)
        return SyncEvent(body: body, occurredAt: updated, observedAt: edited ? updated.addingTimeInterval(1) : created)
    }

    /// The deletion of a reply on `uuid`.
    static func deletion(_ uuid: String, reply: String, minute: Int) -> SyncEvent {
        let deleted = base.addingTimeInterval(Double(minute) * 60)
        let deletion = GuanceReplyDeletion(issueUUID: uuid, replyUUID: reply, deletedAt: deleted)
        return SyncEvent(body: .guanceReplyDeleted(deletion), occurredAt: deleted, observedAt: deleted)
    }

    /// A fresh reply UUID.
    static func replyUUID() -> String { "repim_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "") }
}
