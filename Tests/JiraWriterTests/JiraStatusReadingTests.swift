import Foundation
import JiraAPI
import JiraWriter
import SyncCore
import Testing

/// The creation agreement's Jira status: what Jira read right after the sync created the issue.
@Suite("JiraStatusReading: Jira's status at the issue's creation")
struct JiraStatusReadingTests {
    /// An issue created at 10:00:00.000 that reads Done, its category changed `changedAfter` seconds later.
    private func issue(changedAfter: Double, changelog: String?) throws -> JiraIssue {
        let created = Date(timeIntervalSince1970: 1_796_378_400)
        let changed = created.addingTimeInterval(changedAfter)
        func stamp(_ date: Date) -> String {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "UTC")
            formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss.SSSZ"
            return formatter.string(from: date)
        }
        let json = """
            {"id":"10000","key":"OPS-1","fields":{"status":{"id":"10002","name":"Done","statusCategory":{"id":3,"key":"done"}},\
            "created":"\(stamp(created))","updated":"\(stamp(changed))","statuscategorychangedate":"\(stamp(changed))"}\
            \(changelog.map { ",\"changelog\":" + $0 } ?? "")}
            """
        return try JSONDecoder().decode(JiraIssue.self, from: Data(json.utf8))
    }

    private let resolvedHalfASecondLater = """
        {"startAt":0,"maxResults":1,"total":1,"histories":[{"id":"1","created":"2026-12-04T10:00:00.500+0000",\
        "items":[{"field":"status","fieldtype":"jira","fieldId":"status","from":"10000","to":"10002"}]}]}
        """

    @Test("a person's resolve half a second after the create: open at the creation, so the resolve counts as theirs")
    func movedWithinASecond() throws {
        let status = try #require(JiraStatusReading.atCreation(of: try issue(changedAfter: 0.5, changelog: resolvedHalfASecondLater)))
        #expect(status.category == .open)
        #expect(status.version == Date(timeIntervalSince1970: 1_796_378_400))
    }

    @Test("no status change in the changelog: the reading is the creation's status, whatever the timestamps say")
    func unmoved() throws {
        let empty = #"{"startAt":0,"maxResults":0,"total":0,"histories":[]}"#
        #expect(JiraStatusReading.atCreation(of: try issue(changedAfter: 3, changelog: empty))?.category == .done)
    }

    @Test("without a whole changelog: a category change within a second of the create counts as the creation's")
    func fallback() throws {
        #expect(JiraStatusReading.atCreation(of: try issue(changedAfter: 0.5, changelog: nil))?.category == .done)
        #expect(JiraStatusReading.atCreation(of: try issue(changedAfter: 5, changelog: nil))?.category == .open)
        let cut = #"{"startAt":3,"maxResults":20,"total":23,"histories":[]}"#
        #expect(JiraStatusReading.atCreation(of: try issue(changedAfter: 0.5, changelog: cut))?.category == .done)
        let cutAtTheEnd = #"{"startAt":0,"maxResults":0,"total":2,"histories":[]}"#
        #expect(JiraStatusReading.atCreation(of: try issue(changedAfter: 0.5, changelog: cutAtTheEnd))?.category == .done)
    }
}
