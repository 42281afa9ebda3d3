import Foundation
import GuanceAPI
import GuanceWriter
import SyncCore
import Testing

@Suite("StatusMapper")
struct StatusMapperTests {
    typealias Fixtures = GuanceWriterFixtures

    @Test("ledger category → wanted statusType: done per policy, open → Open")
    func wantedForLedgerCategory() {
        let mapper = StatusMapper(policies: Fixtures.policies(done: 25))
        #expect(mapper.wantedStatusType(for: .done) == .closed)
        #expect(mapper.wantedStatusType(for: .open) == .open)
    }

    @Test("category → wanted statusType, per policy and legacy fallback", arguments: [
        ("done", 20, false, 20), ("done", 25, false, 25), ("done", 25, true, 20), ("done", 20, true, 20),
        ("new", 20, false, 10), ("indeterminate", 25, false, 10), ("indeterminate", 25, true, 10),
    ])
    func wanted(category: String, done: Int, legacy: Bool, expected: Int) {
        let mapper = StatusMapper(policies: Fixtures.policies(done: done), usesLegacyStatusTypes: legacy)
        #expect(mapper.wantedStatusType(forCategory: category) == GuanceStatusType(rawValue: expected))
    }

    @Test("an unknown category never writes")
    func unknownCategory() {
        let mapper = StatusMapper(policies: Fixtures.policies())
        #expect(mapper.wantedStatusType(forCategory: "undefined") == nil)
    }

    @Test("equivalence table: 20/25 are done, 10/15/30 are open, unknown values are never equivalent", arguments: [
        (20, 20, true), (25, 20, true), (20, 25, true), (10, 20, false), (15, 20, false), (30, 25, false),
        (10, 10, true), (15, 10, true), (30, 10, true), (20, 10, false), (25, 10, false), (99, 10, false), (99, 20, false),
    ])
    func equivalence(current: Int, wanted: Int, expected: Bool) {
        #expect(StatusMapper.isEquivalent(GuanceStatusType(rawValue: current), to: GuanceStatusType(rawValue: wanted)) == expected)
    }
}

@Suite("IssueModificationPlanner")
struct IssueModificationPlannerTests {
    @Test("a status change re-sends extend whole and nothing else")
    func statusOnly() throws {
        let issue = try GuanceWriterFixtures.decode(GuanceIssue.self, [
            "uuid": "issue_1", "name": "磁盘告警", "description": "<p>d</p>", "level": "system_level_2", "statusType": 10,
            "extend": ["manager": ["acnt_bob"], "channels": [], "vendorKey": ["a": 1]],
        ])
        let modification = IssueModificationPlanner.statusChange(of: issue, to: .resolved)
        let json = try #require(JSONSerialization.jsonObject(with: JSONEncoder().encode(modification)) as? [String: Any])
        #expect(Set(json.keys) == ["statusType", "extend"])
        #expect(json["statusType"] as? Int == 20)
        #expect(modification.extend == issue.extend)
        let legacy = IssueModificationPlanner.statusChange(of: issue, to: .resolved, resendingNameLevelAndDescription: true)
        #expect(legacy.name == "磁盘告警")
    }
}
