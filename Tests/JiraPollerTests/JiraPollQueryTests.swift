import Foundation
import JiraAPI
import Testing

@testable import JiraPoller

@Suite("JiraPollQuery")
struct JiraPollQueryTests {
    /// A UTC cursor with seconds, so flooring to the minute matters.
    let cursor = Fixtures.date("2026-11-29T02:07:30Z")

    func query(zone: String?, keys: [String] = [], chunk: Int = 200) -> JiraPollQuery {
        JiraPollQuery(
            projects: ["OPS"], label: "guance", linkedKeys: keys, cursor: cursor, overlapMinutes: 5,
            profileTimeZone: zone.flatMap(TimeZone.init(identifier:)), keyChunkSize: chunk
        )
    }

    @Test("literal in the profile zone: no skip, no refetch beyond the overlap plus one minute", arguments: [
        ("Asia/Shanghai", "\"2026/11/29 10:02\""),
        ("America/New_York", "\"2026/11/28 21:02\""),
    ])
    func zoneLiteral(zone: String, expected: String) throws {
        let query = query(zone: zone)
        #expect(query.sinceLiteral == expected)
        let windowStart = cursor.addingTimeInterval(-300)
        let text = String(expected.dropFirst().dropLast())
        let readings = JQLDateLiteral.readings(ofLocalText: text, in: try #require(TimeZone(identifier: zone)))
        #expect(!readings.isEmpty)
        for reading in readings {
            #expect(reading <= windowStart)
            #expect(reading > windowStart.addingTimeInterval(-60))
        }
        let statement = try #require(query.statements().first)
        #expect(statement == "project in (\"OPS\") AND labels = \"guance\" AND updated >= \(expected) ORDER BY updated ASC, key ASC")
    }

    @Test("a repeated daylight-saving hour never skips")
    func ambiguousHour() throws {
        let zone = try #require(TimeZone(identifier: "America/New_York"))
        let late = Fixtures.date("2026-11-01T06:10:00Z")  // 01:10 EST, the second 01:10 of the night
        let query = JiraPollQuery(
            projects: ["OPS"], label: "guance", linkedKeys: [], cursor: late, overlapMinutes: 5, profileTimeZone: zone
        )
        let text = String(query.sinceLiteral.dropFirst().dropLast())
        for reading in JQLDateLiteral.readings(ofLocalText: text, in: zone) {
            #expect(reading <= query.windowStart)
        }
    }

    @Test("unknown zone falls back to epoch milliseconds")
    func epochFallback() throws {
        let query = query(zone: nil)
        let expected = Int64(cursor.timeIntervalSince1970 * 1000) - 300_000
        #expect(query.sinceLiteral == String(expected))
        #expect(try #require(query.statements().first).contains("updated >= \(expected) ORDER BY"))
    }

    @Test("the label in one statement, linked keys chunked without it, every key exactly once")
    func keyChunking() {
        let keys = ["OPS-5", "OPS-1", "OPS-3", "OPS-2", "OPS-4", "OPS-1"]
        let all = query(zone: "UTC", keys: keys, chunk: 2).statements()
        #expect(all.count == 4)
        let label = all[0]
        #expect(label.hasPrefix("project in (\"OPS\") AND labels = \"guance\" AND updated >= "))
        #expect(!label.contains("key in"))
        let statements = Array(all.dropFirst())
        var found: [String] = []
        for statement in statements {
            #expect(statement.hasPrefix("project in (\"OPS\") AND key in ("))
            #expect(!statement.contains("labels"), "a chunk ORing the label pages every labelled issue again")
            #expect(statement.hasSuffix("ORDER BY updated ASC, key ASC"))
            let list = statement.split(separator: "key in (")[1].split(separator: ")")[0]
            found += list.split(separator: ", ").map { $0.replacingOccurrences(of: "\"", with: "") }
        }
        #expect(found.sorted() == ["OPS-1", "OPS-2", "OPS-3", "OPS-4", "OPS-5"])
    }

    @Test("a project sweep reads every issue of the routed projects from its own instant, after the label statement")
    func projectSweep() throws {
        let swept = Fixtures.date("2026-11-29T01:50:10Z")
        var query = query(zone: "UTC", keys: ["OPS-9"])
        query.sweepFrom = swept
        let all = query.statements()
        #expect(all.count == 3)
        #expect(all[0].contains("labels = \"guance\" AND updated >= \"2026/11/29 02:02\""))
        #expect(all[1] == "project in (\"OPS\") AND updated >= \"2026/11/29 01:45\" ORDER BY updated ASC, key ASC",
                "the sweep names no label and no key, and starts the overlap before the last sweep")
        #expect(all[2].contains("key in (\"OPS-9\") AND updated >= \"2026/11/29 02:02\""))
        #expect(query.namedStatements()[1].keys.isEmpty, "a sweep is never split like a key chunk")
        var noProjects = query
        noProjects.projects = []
        #expect(!noProjects.statements().contains { !$0.contains("labels") && !$0.contains("key in") },
                "without projects there is nothing to sweep (never the whole site)")
    }

    @Test("no label and no keys: nothing to search; quotes in values are escaped")
    func edgeCases() {
        let empty = JiraPollQuery(
            projects: ["OPS"], label: nil, linkedKeys: [], cursor: cursor, overlapMinutes: 5, profileTimeZone: nil
        )
        #expect(empty.statements().isEmpty)
        #expect(JiraPollQuery.quote("a\"b\\c") == "\"a\\\"b\\\\c\"")
    }
}
