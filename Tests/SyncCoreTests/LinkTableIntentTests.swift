import Foundation
import SyncCore
import Testing

@Suite("LinkTable create intents")
struct LinkTableIntentTests {
    private func intent(_ uuid: String) -> LinkRecord {
        LinkRecord(
            kind: .createIntent, guanceIssueUUID: uuid, jiraIssueId: "", jiraIssueKey: "", origin: .guance,
            provenance: .created, linkedAt: Date(timeIntervalSince1970: 1_790_000_000))
    }

    @Test("an intent is keyed intent/<uuid>, found by its issue, and neither listed nor counted as a link")
    func keptApart() {
        var table = LinkTable()
        let record = intent("issue_1")
        #expect(record.key == "intent/issue_1")
        table.apply(record)
        #expect(table.createIntent(guanceIssueUUID: "issue_1") == record)
        #expect(table.issueLink(guanceIssueUUID: "issue_1") == nil)
        #expect(table.issueLink(jiraIssueId: "") == nil)
        #expect(table.count == 0)
        #expect(table.records.isEmpty)
    }

    @Test("a tombstone removes the intent; the issue link written meanwhile stays")
    func tombstone() {
        var table = LinkTable()
        table.apply(intent("issue_1"))
        let link = LinkRecord(
            kind: .issue, guanceIssueUUID: "issue_1", jiraIssueId: "10000", jiraIssueKey: "OPS-1", origin: .guance,
            provenance: .created, linkedAt: Date())
        table.apply(link)
        table.apply(key: "intent/issue_1", record: nil)
        #expect(table.createIntent(guanceIssueUUID: "issue_1") == nil)
        #expect(table.issueLink(guanceIssueUUID: "issue_1") == link)
        #expect(table.count == 1)
    }

    @Test("an intent survives a JSON round trip")
    func roundTrip() throws {
        let record = intent("issue_2")
        let data = try SyncEventCodec.makeEncoder().encode(record)
        #expect(try SyncEventCodec.makeDecoder().decode(LinkRecord.self, from: data) == record)
    }
}
