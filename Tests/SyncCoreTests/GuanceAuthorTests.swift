import Foundation
import SyncCore
import Testing

/// Who a change note names: the snapshot's updator, unless the sync's own write produced that
/// version; then the person the write displaced (followed through the sync's earlier writes).
@Suite("Change authors behind the sync's own Guance writes")
struct GuanceAuthorTests {
    static let zhang = GuanceActor(id: "acnt_zhang", name: "张伟")
    static let syncKey = GuanceActor(id: "wsak_sync", name: "Jira System")
    static let otherKey = GuanceActor(id: "wsak_other", name: "Other integration")
    static func entry(_ marks: [String: GuanceWriteMark]) -> FieldLedgerEntry {
        FieldLedgerEntry(
            records: marks.map { writer, mark in
                FieldLedgerRecord(
                    guanceIssueUUID: "issue_1", jiraIssueId: "10001", writer: writer, lastGuanceWrite: mark)
            },
            jiraIssueId: "10001")
    }

    static func at(_ seconds: Double) -> Date { Date(timeIntervalSince1970: seconds) }

    @Test("a person's change is theirs")
    func personsOwnChange() {
        let entry = Self.entry(["guance-writer": GuanceWriteMark(version: Self.at(100), displaced: Self.zhang, displacedVersion: Self.at(90))])
        #expect(entry.guanceAuthor(of: Self.zhang, version: Self.at(120)) == Self.zhang)
    }

    @Test("a change hidden by the sync's write is credited to the person it displaced")
    func hiddenBySyncWrite() {
        let entry = Self.entry(["guance-writer": GuanceWriteMark(version: Self.at(100), displaced: Self.zhang, displacedVersion: Self.at(90))])
        #expect(entry.guanceAuthor(of: Self.syncKey, version: Self.at(100)) == Self.zhang)
    }

    @Test("two sync writes in a row (guance-writer, then jira-writer's back-link) are followed back to the person")
    func chainOfSyncWrites() {
        let entry = Self.entry([
            "guance-writer": GuanceWriteMark(version: Self.at(100), displaced: Self.zhang, displacedVersion: Self.at(90)),
            "jira-writer": GuanceWriteMark(version: Self.at(101), displaced: Self.syncKey, displacedVersion: Self.at(100)),
        ])
        #expect(entry.guanceAuthor(of: Self.syncKey, version: Self.at(101)) == Self.zhang)
    }

    @Test("a reply that moved updateAt since the sync's write keeps the sync as updator: still the person it displaced")
    func replyBumpedSince() {
        let entry = Self.entry([
            "guance-writer": GuanceWriteMark(version: Self.at(100), writer: Self.syncKey, displaced: Self.zhang, displacedVersion: Self.at(90)),
            "jira-writer": GuanceWriteMark(version: Self.at(80), writer: Self.syncKey, displaced: Self.otherKey, displacedVersion: Self.at(70)),
        ])
        #expect(entry.guanceAuthor(of: Self.syncKey, version: Self.at(105)) == Self.zhang)
        // A person who wrote in the same second as the sync is the author.
        let lina = GuanceActor(id: "acnt_lina", name: "李娜")
        #expect(entry.guanceAuthor(of: lina, version: Self.at(100)) == lina)
        // Another integration after the sync is that integration.
        #expect(entry.guanceAuthor(of: Self.otherKey, version: Self.at(130)) == Self.otherKey)
    }

    @Test("when only the sync is known to have written, nobody is named")
    func onlyTheSync() {
        let entry = Self.entry([
            "jira-writer": GuanceWriteMark(version: Self.at(101), displaced: Self.syncKey, displacedVersion: Self.at(95))
        ])
        #expect(entry.guanceAuthor(of: Self.syncKey, version: Self.at(101)) == nil)
    }

    @Test("another integration's write is that integration's; no mark, no change")
    func anotherIntegration() {
        let entry = Self.entry(["guance-writer": GuanceWriteMark(version: Self.at(100), displaced: Self.zhang, displacedVersion: Self.at(90))])
        #expect(entry.guanceAuthor(of: Self.otherKey, version: Self.at(130)) == Self.otherKey)
        #expect(FieldLedgerEntry.empty.guanceAuthor(of: Self.syncKey, version: Self.at(100)) == Self.syncKey)
        #expect(FieldLedgerEntry.empty.guanceAuthor(of: nil, version: nil) == nil)
    }

    @Test("a member is named by nickname, an API key only by its key name")
    func actorNaming() {
        #expect(GuanceActor(id: "acnt_1", nickname: "小张", name: "Zhang Wei", email: "z@example.com").name == "小张")
        #expect(GuanceActor(id: "acnt_1", nickname: "", name: "Zhang Wei", email: nil).name == "Zhang Wei")
        #expect(GuanceActor(id: "wsak_1", nickname: "小张", name: "Jira System", email: nil).name == "Jira System")
    }
}
