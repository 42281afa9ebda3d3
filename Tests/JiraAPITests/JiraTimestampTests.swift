import Foundation
import JiraAPI
import Testing

@Suite("Jira timestamps")
struct JiraTimestampTests {
    @Test("Offsets without colon, with colon and Z denote the same instant")
    func offsetsAgree() throws {
        let noColon = try #require(JiraTimestamp.parse("2024-01-02T03:04:05.678+0800"))
        let colon = try #require(JiraTimestamp.parse("2024-01-02T03:04:05.678+08:00"))
        let zulu = try #require(JiraTimestamp.parse("2024-01-01T19:04:05.678Z"))
        #expect(noColon == colon)
        #expect(noColon == zulu)
        #expect(abs(noColon.timeIntervalSince1970 - 1_704_135_845.678) < 0.0005)
    }

    @Test("Negative offsets, missing fractions and long fractions parse")
    func variants() throws {
        let negative = try #require(JiraTimestamp.parse("2021-01-17T12:34:00.000-0500"))
        #expect(negative.timeIntervalSince1970 == 1_610_904_840)
        let noFraction = try #require(JiraTimestamp.parse("2021-01-17T17:34:00+0000"))
        #expect(noFraction == negative)
        let micro = try #require(JiraTimestamp.parse("2021-01-17T17:34:00.123456Z"))
        #expect(abs(micro.timeIntervalSince1970 - 1_610_904_840.123456) < 0.000001)
    }

    @Test("Garbage is rejected", arguments: ["", "2024-01-02", "2024-13-02T03:04:05.000+0800", "2024-01-02T03:04:05.000", "2024-01-02T03:04:05.000+08:0x", "yesterday"])
    func rejects(_ text: String) {
        #expect(JiraTimestamp.parse(text) == nil)
    }

    @Test("Formatting round-trips and uses an offset without colon")
    func formatting() throws {
        let instant = Date(timeIntervalSince1970: 1_704_135_845.678)
        let shanghai = try #require(TimeZone(identifier: "Asia/Shanghai"))
        let text = JiraTimestamp.format(instant, in: shanghai)
        #expect(text == "2024-01-02T03:04:05.678+0800")
        let parsed = try #require(JiraTimestamp.parse(text))
        #expect(abs(parsed.timeIntervalSince(instant)) < 0.0005)
        #expect(JiraTimestamp.format(Date(timeIntervalSince1970: -1), in: .gmt) == "1969-12-31T23:59:59.000+0000")
    }
}
