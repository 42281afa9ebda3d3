import Foundation
import JiraAPI
import Testing

@Suite("JQL date literals in the searching user's zone")
struct JQLDateLiteralTests {
    /// A UTC cursor rendered for a user whose profile zone is `zone` must, when Jira reads the
    /// literal back in that zone, denote the cursor floored to the minute: never later (skipping
    /// issues) and never an hour or more earlier (refetching hours).
    @Test("UTC cursor against Shanghai and New York users neither skips nor refetches", arguments: ["Asia/Shanghai", "America/New_York", "UTC"])
    func readBackMatchesCursor(zoneIdentifier: String) throws {
        let zone = try #require(TimeZone(identifier: zoneIdentifier))
        // 2026-01-15T10:37:42.5Z; then every 7 h 13 m 17 s for a year, crossing both DST changes.
        let start = 1_768_473_462.5
        for step in 0..<1_300 {
            let cursor = Date(timeIntervalSince1970: start + Double(step) * 25_997)
            let text = JQLDateLiteral.localText(cursor, in: zone)
            let readings = JQLDateLiteral.readings(ofLocalText: text, in: zone)
            let latest = try #require(readings.max(), "literal \(text) must exist in \(zoneIdentifier)")
            #expect(latest <= cursor, "\(text) read in \(zoneIdentifier) is after cursor \(cursor)")
            let floored = (cursor.timeIntervalSince1970 / 60).rounded(.down) * 60
            let refetched = floored - latest.timeIntervalSince1970
            let nearDSTChange = zone.secondsFromGMT(for: cursor.addingTimeInterval(-7200)) != zone.secondsFromGMT(for: cursor.addingTimeInterval(7200))
            if nearDSTChange {
                #expect(refetched <= 2 * 3600, "\(text) refetches \(refetched) s around a DST change")
            } else {
                #expect(refetched == 0, "\(text) refetches \(refetched) s for cursor \(cursor)")
            }
        }
    }

    @Test("Concrete literals for one UTC cursor")
    func concrete() throws {
        let cursor = try #require(JiraTimestamp.parse("2026-03-01T03:04:59.999Z"))
        #expect(JQLDateLiteral.quoted(cursor, userTimeZone: try #require(TimeZone(identifier: "Asia/Shanghai"))) == "\"2026/03/01 11:04\"")
        #expect(JQLDateLiteral.quoted(cursor, userTimeZone: try #require(TimeZone(identifier: "America/New_York"))) == "\"2026/02/28 22:04\"")
        #expect(JQLDateLiteral.epochMilliseconds(cursor) == "1772334299999")
        let shanghai = try #require(TimeZone(identifier: "Asia/Shanghai"))
        #expect(JQLDateLiteral.updatedSinceClause(cursor, userTimeZone: shanghai) == "updated >= \"2026/03/01 11:02\"")
    }

    @Test("A cursor in New York's repeated hour never yields a literal read later than it")
    func fallBackAmbiguity() throws {
        let zone = try #require(TimeZone(identifier: "America/New_York"))
        // 2026-11-01 01:30 EDT (first occurrence) = 05:30Z; 01:30 EST (second) = 06:30Z.
        let firstOccurrence = try #require(JiraTimestamp.parse("2026-11-01T05:30:00Z"))
        let text = JQLDateLiteral.localText(firstOccurrence, in: zone)
        let readings = JQLDateLiteral.readings(ofLocalText: text, in: zone)
        #expect(!readings.isEmpty)
        #expect(readings.allSatisfy { $0 <= firstOccurrence })
        #expect(text < "2026/11/01 01:30")
    }
}
